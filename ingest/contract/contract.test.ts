import { connectorContracts } from './registry.ts';
import { describeConnectorContract } from './suite.ts';

for (const spec of connectorContracts) describeConnectorContract(spec);
