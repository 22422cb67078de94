import { connectorContracts, streamRealVariations } from './registry.ts';
import { describeConnectorContract, describeRealVariation } from './suite.ts';

for (const spec of connectorContracts) describeConnectorContract(spec);
for (const set of streamRealVariations) describeRealVariation(set);
