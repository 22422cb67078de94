/** The dead-letter sender lives in core/dead-letters.ts; this name stays for the sinks. */
export { DeadLetterSender as DeadLetterProducer } from '../../core/dead-letters.ts';
