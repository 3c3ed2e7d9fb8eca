/** `npm start`: configuration, then the app, then one line with the URL. */
import { ConfigError, loadConfig } from './config';
import { startApp } from './app';

const started = performance.now();
try {
  const config = loadConfig();
  const app = await startApp(config);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Reguleringsplan is ready at ${app.url} (GraphQL and GraphiQL at ${app.url}graphql) after ${seconds} s`);
  const shutdown = () => {
    void app.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
  } else {
    console.error(`start failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.exit(1);
}
