import type Database from 'better-sqlite3';

/**
 * A value this process keeps per database connection (prepared statements, in-memory copies of
 * rows), made on first use and gone with the connection.
 */
export function perDatabase<T>(create: () => T): (db: Database.Database) => T {
  const values = new WeakMap<Database.Database, T>();
  return (db) => {
    let value = values.get(db);
    if (value === undefined) {
      value = create();
      values.set(db, value);
    }
    return value;
  };
}
