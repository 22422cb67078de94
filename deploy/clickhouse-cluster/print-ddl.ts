// Prints the ClickHouse cluster variant of the migrations, for `clickhouse-client --multiquery`:
//   npx tsx deploy/clickhouse-cluster/print-ddl.ts --cluster lateral --database lateral | clickhouse-client ...
import { parseArgs } from 'node:util';
import { clusterScript } from '../../schema/cluster.ts';

const { values } = parseArgs({
  options: {
    cluster: { type: 'string', default: 'lateral' },
    database: { type: 'string', default: 'lateral' },
  },
});
process.stdout.write(clusterScript(values.cluster, values.database));
