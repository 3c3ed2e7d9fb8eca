/**
 * `npm start`: configuration, then the app, then one line with the URL. SIGTERM or SIGINT shut it
 * down gracefully (api/app.ts); if the embedded Neo4j keeps failing, the process exits 1 with one
 * line so a process manager can take over.
 */
import { ConfigError, loadConfig } from './config';
import { startApp } from './app';

const started = performance.now();
try {
  const config = loadConfig();
  const app = await startApp(config, {
    onFatal: (line) => {
      console.error(`fatal: ${line}`);
      process.exit(1);
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Reguleringsplan is ready at ${app.url} (GraphQL and GraphiQL at ${app.url}graphql) after ${seconds} s`);
  const shutdown = (signal: string) => {
    console.log(`${signal}: finishing in-flight requests, then stopping`);
    void app.stop().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(`shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
  } else {
    console.error(`start failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.exit(1);
}
