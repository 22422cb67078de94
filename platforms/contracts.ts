import { existsSync } from 'node:fs';
import { platforms } from './index.ts';
import type { RealVariationSet } from './shared/contract/real-variation.ts';
import type { ConnectorContract } from './shared/contract/suite.ts';

/** What a platform's `contract.ts` exports: a polling connector its `contract`, a stream its `realVariationSet`. */
interface ContractModule {
  contract?: ConnectorContract;
  realVariationSet?: RealVariationSet;
}

/**
 * Every polling connector's contract with its fake platform, and the real-variation sets of streams without
 * one: `platforms/<type>/contract.ts` of each platform in the list (platforms/index.ts). The contract suite
 * (ingest/contract/contract.test.ts, contract.integration.test.ts) and the normaliser test
 * (processors/normalize/real-variation.test.ts) run over these. Test code: imported here on demand, so none of it
 * is in the pipeline's own import graph.
 */
export async function loadContracts(): Promise<{
  connectorContracts: ConnectorContract[];
  streamRealVariations: RealVariationSet[];
  /** Every real-variation set: the polling connectors' and the streams'. */
  realVariationSets: RealVariationSet[];
}> {
  const connectorContracts: ConnectorContract[] = [];
  const streamRealVariations: RealVariationSet[] = [];
  for (const { type } of platforms) {
    if (!existsSync(new URL(`./${type}/contract.ts`, import.meta.url))) continue;
    const module = (await import(`./${type}/contract.ts`)) as ContractModule;
    if (module.contract) connectorContracts.push(module.contract);
    if (module.realVariationSet) streamRealVariations.push(module.realVariationSet);
  }
  return {
    connectorContracts,
    streamRealVariations,
    realVariationSets: [...connectorContracts.filter((c) => c.realVariation), ...streamRealVariations],
  };
}
