/// The store's tables. Bump `version` and add a step to `migrations` for every change.
enum Schema {
    static let version = 4

    static let migrations: [String] = [
        """
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            location TEXT NOT NULL,
            config_hash TEXT,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            last_attempt REAL,
            last_success REAL,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_due REAL,
            permanent_redirect TEXT,
            gone INTEGER NOT NULL DEFAULT 0,
            feed_title TEXT,
            site_url TEXT,
            feed_url TEXT,
            refresh_hint REAL
        );
        CREATE TABLE items (
            key TEXT PRIMARY KEY,
            source_id TEXT NOT NULL,
            date REAL NOT NULL,
            content_hash TEXT NOT NULL,
            title_norm TEXT NOT NULL DEFAULT '',
            data BLOB NOT NULL
        );
        CREATE INDEX items_by_source ON items(source_id);
        CREATE TABLE item_categories (
            category TEXT NOT NULL,
            date REAL NOT NULL,
            key TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
            source_id TEXT NOT NULL,
            PRIMARY KEY (category, key)
        );
        CREATE INDEX item_categories_by_date ON item_categories(category, date DESC);
        CREATE INDEX item_categories_by_key ON item_categories(key);
        -- identity keys: 'guid' (source id + original id), 'url' (canonical URL), 'fp' (content fingerprint).
        -- They outlive pruned items on purpose: an item a source still lists is recognised, not re-added.
        CREATE TABLE identities (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (kind, value)
        );
        CREATE INDEX identities_by_key ON identities(key);
        -- title words, to find the same story under another URL without comparing every pair
        -- (clustered on word and date, so a probe reads its postings without touching another table)
        CREATE TABLE title_words (
            word TEXT NOT NULL,
            date REAL NOT NULL,
            key TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
            PRIMARY KEY (word, date, key)
        ) WITHOUT ROWID;
        CREATE INDEX title_words_by_key ON title_words(key);
        -- how many titles hold each word: the rarest words of a headline find its duplicates fastest
        CREATE TABLE word_frequency (
            word TEXT PRIMARY KEY,
            count INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // 2: the title words move into their item's row, and are counted and searched in memory (`TitleIndex`):
        // a row per word and item, and a count per word kept up to date, were half of a cold run's merging.
        """
        ALTER TABLE items ADD COLUMN title_words TEXT NOT NULL DEFAULT '';
        UPDATE items SET title_words = coalesce((SELECT group_concat(word, ' ') FROM title_words t WHERE t.key = items.key), '');
        DROP TABLE title_words;
        DROP TABLE word_frequency;
        -- Identities and categories as clustered tables (WITHOUT ROWID): one B-tree each where there were two and
        -- four, written for every item saved. Nothing looks identities up by item; categories are read by
        -- category and date (the key), and found by item for deletes.
        CREATE TABLE identities_clustered (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (kind, value)
        ) WITHOUT ROWID;
        INSERT INTO identities_clustered (kind, value, key) SELECT kind, value, key FROM identities;
        DROP TABLE identities;
        ALTER TABLE identities_clustered RENAME TO identities;
        CREATE TABLE item_categories_clustered (
            category TEXT NOT NULL,
            date REAL NOT NULL,
            key TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
            source_id TEXT NOT NULL,
            PRIMARY KEY (category, date, key)
        ) WITHOUT ROWID;
        INSERT INTO item_categories_clustered (category, date, key, source_id) SELECT category, date, key, source_id FROM item_categories;
        DROP TABLE item_categories;
        ALTER TABLE item_categories_clustered RENAME TO item_categories;
        CREATE INDEX item_categories_by_key ON item_categories(key);
        -- Pruning asks for the items older than a date: without this index it read the whole table (the content
        -- too), which made a warm run over a large store slow.
        CREATE INDEX items_by_date ON items(date, key);
        """,
        // 3: an item's JSON moves to a table of its own, `item_data`, under the item's `id`. In `items` it made
        // every row a few KB: building `items`' indexes at the end of a first run, pruning, and loading the
        // title index each read every item's JSON back (215 MB over 1,000 feeds) for a few small columns.
        // `id` is declared so that VACUUM keeps it.
        """
        CREATE TABLE items_v3 (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            source_id TEXT NOT NULL,
            date REAL NOT NULL,
            content_hash TEXT NOT NULL,
            title_norm TEXT NOT NULL DEFAULT '',
            title_words TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE item_data (
            id INTEGER PRIMARY KEY,
            data BLOB NOT NULL
        );
        INSERT INTO items_v3 (id, key, source_id, date, content_hash, title_norm, title_words)
            SELECT rowid, key, source_id, date, content_hash, title_norm, title_words FROM items;
        INSERT INTO item_data (id, data) SELECT rowid, data FROM items;
        DROP TABLE items;
        ALTER TABLE items_v3 RENAME TO items;
        CREATE INDEX items_by_source ON items(source_id);
        CREATE INDEX items_by_date ON items(date, key);
        """,
        // 4: `items_by_source` goes. Only `aggregate status` counted items by source through it (a scan of `items`,
        // a few MB, does as well there), while every new item added a row to it, and a first run built it whole
        // while the run waited (13 ms of 1.1 s over 1,000 feeds).
        """
        DROP INDEX IF EXISTS items_by_source;
        """,
    ]
}
