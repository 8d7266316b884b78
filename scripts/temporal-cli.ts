// `npm run temporal:cli`: finds the Temporal CLI, building it into the tool cache when missing, and prints its path.
import { locateTemporalCli } from '@avrr/local-stack';

locateTemporalCli()
  .then((executable) => console.log(executable.type === 'existing-path' ? executable.path : 'SDK download'))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
