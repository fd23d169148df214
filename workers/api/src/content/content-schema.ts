/**
 * The schema of a notebook's own database (content/notebook-content.ts): the tables that grow with a
 * notebook's content — pages, chunks, the stemmed keyword index (FTS5), local vectors and the concept map —
 * as the D1 migrations leave them (migrations/0002…0020), so every query runs unchanged in either layout.
 * What differs: no foreign key to `document` or `notebook` (those rows live in the primary D1; the object
 * *is* the notebook, and `removeDocument` replaces the cascades). The rowid tables stay rowid tables: the
 * concept queries pick rows by rowid (graph-answers.ts, map-body.ts). Migrations are numbered and applied in order, once, inside the object (`content_migration`);
 * never edit an applied one, add the next. schemas/content-schema.integration.test.ts checks that every
 * column here is the D1 table's.
 */
export const CONTENT_MIGRATIONS: { id: number; name: string; statements: string[] }[] = [
  {
    id: 1,
    name: "pages, chunks, keyword index, local vectors, concept map",
    statements: [
      `CREATE TABLE document_page (
        document_id TEXT NOT NULL,
        page_number INTEGER NOT NULL,
        text TEXT NOT NULL,
        ocr TEXT CHECK (ocr IN ('needs-ocr', 'provider', 'browser')),
        ocr_reason TEXT,
        image_type TEXT,
        ocr_words TEXT,
        PRIMARY KEY (document_id, page_number)
      ) WITHOUT ROWID`,
      "CREATE INDEX document_page_needs_ocr ON document_page (document_id) WHERE ocr = 'needs-ocr'",
      `CREATE TABLE chunk (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        document_id TEXT NOT NULL,
        notebook_id TEXT NOT NULL,
        chunk_index INTEGER NOT NULL,
        page_start INTEGER NOT NULL,
        page_end INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        token_count INTEGER NOT NULL,
        embedding_model TEXT NOT NULL,
        context TEXT
      )`,
      "CREATE UNIQUE INDEX chunk_document_index_idx ON chunk (document_id, chunk_index)",
      "CREATE INDEX chunk_notebook_idx ON chunk (notebook_id)",
      `CREATE TABLE chunk_vector (
        id TEXT PRIMARY KEY NOT NULL,
        notebook_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        dimensions INTEGER NOT NULL,
        vector BLOB NOT NULL
      )`,
      "CREATE INDEX chunk_vector_notebook_idx ON chunk_vector (notebook_id, document_id)",
      `CREATE TABLE chunk_keyword (
        seq INTEGER PRIMARY KEY REFERENCES chunk(seq) ON DELETE CASCADE,
        terms TEXT NOT NULL,
        notebook TEXT NOT NULL DEFAULT ''
      )`,
      `CREATE VIRTUAL TABLE chunk_terms USING fts5(
        notebook, terms, content = 'chunk_keyword', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      )`,
      `CREATE TRIGGER chunk_terms_after_insert AFTER INSERT ON chunk_keyword BEGIN
        UPDATE chunk_keyword
        SET notebook = (SELECT 'n' || lower(hex(chunk.notebook_id)) FROM chunk WHERE chunk.seq = new.seq)
        WHERE seq = new.seq;
        INSERT INTO chunk_terms (rowid, notebook, terms)
        SELECT seq, notebook, terms FROM chunk_keyword WHERE seq = new.seq;
      END`,
      `CREATE TRIGGER chunk_terms_after_delete AFTER DELETE ON chunk_keyword BEGIN
        INSERT INTO chunk_terms (chunk_terms, rowid, notebook, terms) VALUES ('delete', old.seq, old.notebook, old.terms);
      END`,
      `CREATE TRIGGER chunk_terms_after_update AFTER UPDATE OF terms ON chunk_keyword BEGIN
        INSERT INTO chunk_terms (chunk_terms, rowid, notebook, terms) VALUES ('delete', old.seq, old.notebook, old.terms);
        INSERT INTO chunk_terms (rowid, notebook, terms) VALUES (new.seq, new.notebook, new.terms);
      END`,
      `CREATE TABLE concept (
        id TEXT PRIMARY KEY NOT NULL,
        notebook_id TEXT NOT NULL,
        key TEXT NOT NULL,
        label TEXT NOT NULL,
        acronym TEXT,
        mention_count INTEGER NOT NULL DEFAULT 0,
        document_count INTEGER NOT NULL DEFAULT 0,
        community_id TEXT,
        created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
      )`,
      "CREATE UNIQUE INDEX concept_notebook_key_idx ON concept (notebook_id, key)",
      "CREATE INDEX concept_notebook_weight_idx ON concept (notebook_id, mention_count DESC)",
      "CREATE INDEX concept_notebook_acronym_idx ON concept (notebook_id, acronym)",
      `CREATE TABLE concept_mention (
        concept_id TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        notebook_id TEXT NOT NULL,
        chunk_id TEXT NOT NULL,
        page INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        surface TEXT NOT NULL,
        PRIMARY KEY (concept_id, document_id, sentence)
      )`,
      "CREATE INDEX concept_mention_notebook_idx ON concept_mention (notebook_id, concept_id)",
      "CREATE INDEX concept_mention_sentence_idx ON concept_mention (document_id, sentence)",
      `CREATE TABLE concept_edge (
        notebook_id TEXT NOT NULL,
        source_id TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
        cooccurrences INTEGER NOT NULL,
        weight REAL NOT NULL,
        relation TEXT,
        relation_source_id TEXT,
        relation_chunk_id TEXT,
        relation_quote TEXT,
        relation_checked INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (notebook_id, source_id, target_id)
      )`,
      `CREATE TABLE concept_community (
        id TEXT PRIMARY KEY NOT NULL,
        notebook_id TEXT NOT NULL,
        label TEXT NOT NULL,
        summary TEXT,
        size INTEGER NOT NULL,
        summary_citations TEXT
      )`,
      "CREATE INDEX concept_community_notebook_idx ON concept_community (notebook_id)",
      `CREATE TABLE concept_map (
        notebook_id TEXT PRIMARY KEY NOT NULL,
        content_version INTEGER NOT NULL,
        concept_count INTEGER NOT NULL,
        edge_count INTEGER NOT NULL,
        community_count INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        built_at INTEGER NOT NULL,
        snapshot TEXT
      )`,
      `CREATE TABLE concept_extraction_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        notebook_id TEXT NOT NULL,
        document_id TEXT,
        step TEXT NOT NULL,
        method TEXT NOT NULL,
        counts TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        error TEXT,
        created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
      )`,
      "CREATE INDEX concept_extraction_log_document_idx ON concept_extraction_log (document_id, created_at)",
      `CREATE TABLE concept_pair (
        notebook_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        first_page INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        together INTEGER NOT NULL,
        PRIMARY KEY (document_id, first_page, source_id, target_id)
      )`,
      "CREATE INDEX concept_pair_notebook_idx ON concept_pair (notebook_id, source_id, target_id, together)",
      `CREATE TABLE concept_page (
        notebook_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        concept_id TEXT NOT NULL,
        page INTEGER NOT NULL,
        chunk_id TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (concept_id, document_id, page)
      )`,
      "CREATE INDEX concept_page_rank_idx ON concept_page (concept_id, mentions DESC, document_id, page)",
      "CREATE INDEX concept_page_document_idx ON concept_page (document_id, page, concept_id, mentions)",
    ],
  },
];

/** The tables a notebook's object holds (FTS5's shadow tables aside), in the order a copy must fill them. */
export const CONTENT_TABLES = [
  "document_page",
  "chunk",
  "chunk_keyword",
  "chunk_vector",
  "concept",
  "concept_mention",
  "concept_edge",
  "concept_community",
  "concept_map",
  "concept_extraction_log",
  "concept_pair",
  "concept_page",
] as const;
export type ContentTable = (typeof CONTENT_TABLES)[number];

/**
 * The rows `removeDocument` deletes for one document (the cascades D1 runs from `document`). chunk_keyword
 * (and so the FTS index) goes with its chunk; mentions go before concepts nothing mentions any more are
 * removed by the caller (concepts.store removeOrphanConcepts).
 */
export const DOCUMENT_ROWS: ContentTable[] = [
  "document_page",
  "chunk",
  "chunk_vector",
  "concept_mention",
  "concept_pair",
  "concept_page",
];
