/**
 * How Database runs reads: as auto-commit queries (one exchange with the server, no BEGIN/COMMIT),
 * passing the bookmarks of this process's writes so a read after a write sees it on a cluster too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from './database';
import { testDriver } from '../test/neo4j-provider';

const { driver, database } = testDriver();
const db = new Database(driver, database);
const ID = 'database-test-probe';

describe('Database reads', () => {
  afterAll(async () => {
    await db.write((tx) => tx.run('MATCH (p:DatabaseTestProbe {id: $id}) DETACH DELETE p', { id: ID }));
    await db.close();
  });

  it('runs a read as an auto-commit query', async () => {
    // CALL … IN TRANSACTIONS is refused inside an explicit or managed transaction: it runs only in
    // an auto-commit one, so this read answering shows that no BEGIN/COMMIT was sent around it.
    const rows = await db.read('CALL { RETURN 1 AS one } IN TRANSACTIONS RETURN one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("passes the writes' bookmarks to later reads, which see the write", async () => {
    const before = [...(await driver.executeQueryBookmarkManager.getBookmarks())];
    await db.write((tx) => tx.run('MERGE (p:DatabaseTestProbe {id: $id}) SET p.n = 1', { id: ID }));
    const afterWrite = [...(await driver.executeQueryBookmarkManager.getBookmarks())];
    // The write's commit replaced what the manager held with its own bookmark.
    expect(afterWrite.length).toBeGreaterThan(0);
    expect(afterWrite).not.toEqual(before);

    const rows = await db.forRequest().read('MATCH (p:DatabaseTestProbe {id: $id}) RETURN p.n AS n', { id: ID });
    expect(rows).toEqual([{ n: 1 }]);
  });
});
