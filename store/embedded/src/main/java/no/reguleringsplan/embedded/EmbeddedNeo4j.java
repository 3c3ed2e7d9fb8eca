package no.reguleringsplan.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j 5.26 Community with only a Bolt connector on 127.0.0.1, for development and tests.
 *
 * <p>Protocol with the parent process (store/embedded.ts): one line on stdout, either
 * {@code NEO4J_READY bolt://127.0.0.1:<port>} or {@code NEO4J_ERROR <reason>}. The DBMS shuts down
 * cleanly on SIGTERM (shutdown hook) and when stdin closes, so a parent that dies without
 * stopping us does not leave an orphan holding the store.
 *
 * <p>Arguments: {@code --store <dir> --port <n> [--pagecache-mb <n>] [--plugins <dir>]}; a plugin
 * directory (procedure jars such as APOC core, which the benchmark's @neo4j/graphql peer calls)
 * is loaded with its {@code apoc.*} procedures unrestricted. The app itself runs without plugins.
 */
public final class EmbeddedNeo4j {
  private static final int EXIT_USAGE = 2;
  private static final int EXIT_STORE_IN_USE = 3;
  private static final int EXIT_START_FAILED = 4;

  public static void main(String[] args) throws Exception {
    Path store = null;
    int port = 7687;
    long pageCacheMb = 64;
    Path plugins = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--store" -> store = Path.of(args[i + 1]).toAbsolutePath();
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--pagecache-mb" -> pageCacheMb = Long.parseLong(args[i + 1]);
        case "--plugins" -> plugins = Path.of(args[i + 1]).toAbsolutePath();
        default -> fail(EXIT_USAGE, "unknown argument " + args[i]);
      }
    }
    if (store == null) fail(EXIT_USAGE, "usage: --store <dir> --port <n> [--pagecache-mb <n>] [--plugins <dir>]");
    Files.createDirectories(store);

    // Our own lock, taken before Neo4j touches the store, so a second instance gets a clear
    // message instead of Neo4j's generic start-up failure deep in a log file.
    FileChannel lockChannel = FileChannel.open(store.resolve("reguleringsplan.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) fail(EXIT_STORE_IN_USE, "store " + store + " is already in use by another Neo4j process");

    if (plugins != null && !Files.isDirectory(plugins)) fail(EXIT_USAGE, "plugin directory " + plugins + " does not exist");
    DatabaseManagementService dbms;
    try {
      DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(store);
      if (plugins != null) {
        builder
            .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
            .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
      }
      dbms = builder
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          // What the routing table (neo4j:// URIs) names; the default "localhost" may resolve to
          // ::1, where nothing listens.
          .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
          .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
          .setConfig(HttpConnector.enabled, false)
          .setConfig(HttpsConnector.enabled, false)
          .setConfig(GraphDatabaseSettings.auth_enabled, false)
          // Unset, the page cache takes about half the machine's memory.
          .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
          // The default keeps two days of transaction logs; a dev store needs none of that.
          .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
          .build();
    } catch (RuntimeException e) {
      fail(EXIT_START_FAILED, rootMessage(e));
      return;
    }
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(120_000)) {
      dbms.shutdown();
      fail(EXIT_START_FAILED, "database did not become available within 120 s (see " + store.resolve("logs") + ")");
    }

    CountDownLatch stopped = new CountDownLatch(1);
    final FileLock heldLock = lock;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      try {
        heldLock.release();
        lockChannel.close();
      } catch (IOException ignored) {
        // The process is exiting; the OS releases the lock anyway.
      }
      stopped.countDown();
    }, "neo4j-shutdown"));

    Thread stdinWatcher = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() != -1) {
          // Input is ignored; only its end matters.
        }
      } catch (IOException ignored) {
        // Treat a broken stdin as the parent being gone.
      }
      System.exit(0);
    }, "stdin-watcher");
    stdinWatcher.setDaemon(true);
    stdinWatcher.start();

    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    StringBuilder chain = new StringBuilder(String.valueOf(e.getMessage()));
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      chain.append(" <- ").append(t.getMessage());
    }
    return chain.toString().replace('\n', ' ');
  }

  private static void fail(int code, String message) {
    System.out.println("NEO4J_ERROR " + message);
    System.out.flush();
    System.exit(code);
  }
}
