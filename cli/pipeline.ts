// Moved: the runtime is runtime/pipeline.ts, process plumbing core/service.ts. Kept for the importers of
// other areas (dashboards/, ingest/, platforms/ integration tests) until they import those directly.
export * from '../runtime/pipeline.ts';
export * from '../core/service.ts';
