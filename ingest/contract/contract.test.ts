import { loadContracts } from '../../platforms/contracts.ts';
import { describeConnectorContract, describeRealVariation } from '../../platforms/shared/contract/suite.ts';

const { connectorContracts, streamRealVariations } = await loadContracts();

for (const spec of connectorContracts) describeConnectorContract(spec);
for (const set of streamRealVariations) describeRealVariation(set);
