-- Study tools: flashcards scheduled by FSRS with their review log, quizzes with questions and graded
-- attempts, and one cached study guide per notebook. Everything hangs off notebook(id) with ON DELETE
-- CASCADE, so deleting a notebook removes its study tools too.
--
-- Citations are snapshots (chunk id, document id and title, page span) without foreign keys: a card
-- outlives the document it came from (its page link then answers 404), so deleting a source never
-- erases a student's cards or review history. Chunk ids are deterministic (`${document_id}:${index}`),
-- so re-ingesting a document keeps them valid.

CREATE TABLE flashcard (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  front TEXT NOT NULL,
  back TEXT NOT NULL,
  -- The front normalised (case, diacritics, punctuation, spaces folded): generated cards are deduplicated on it.
  front_key TEXT NOT NULL,
  -- manual | generated
  origin TEXT NOT NULL,
  chunk_id TEXT,
  document_id TEXT,
  document_title TEXT,
  page_start INTEGER,
  page_end INTEGER,
  -- FSRS card state (ts-fsrs `Card`); due and last_review in epoch milliseconds.
  due INTEGER NOT NULL,
  stability REAL NOT NULL DEFAULT 0,
  difficulty REAL NOT NULL DEFAULT 0,
  elapsed_days INTEGER NOT NULL DEFAULT 0,
  scheduled_days INTEGER NOT NULL DEFAULT 0,
  learning_steps INTEGER NOT NULL DEFAULT 0,
  reps INTEGER NOT NULL DEFAULT 0,
  lapses INTEGER NOT NULL DEFAULT 0,
  -- 0 new | 1 learning | 2 review | 3 relearning (ts-fsrs `State`)
  state INTEGER NOT NULL DEFAULT 0,
  last_review INTEGER,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX flashcard_notebook_created_idx ON flashcard (notebook_id, created_at, id);
CREATE INDEX flashcard_notebook_due_idx ON flashcard (notebook_id, due, id);
CREATE INDEX flashcard_notebook_front_key_idx ON flashcard (notebook_id, front_key);

-- Every review, as ts-fsrs logs it (the state before the review), so FSRS parameters can be optimised
-- on a student's own history later.
CREATE TABLE flashcard_review (
  id TEXT PRIMARY KEY NOT NULL,
  card_id TEXT NOT NULL REFERENCES flashcard(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  -- 1 again | 2 hard | 3 good | 4 easy
  rating INTEGER NOT NULL,
  state INTEGER NOT NULL,
  due INTEGER NOT NULL,
  stability REAL NOT NULL,
  difficulty REAL NOT NULL,
  elapsed_days INTEGER NOT NULL,
  last_elapsed_days INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  learning_steps INTEGER NOT NULL,
  reviewed_at INTEGER NOT NULL,
  -- The card's due time this review set.
  next_due INTEGER NOT NULL
);
CREATE INDEX flashcard_review_card_idx ON flashcard_review (card_id, reviewed_at);
CREATE INDEX flashcard_review_owner_idx ON flashcard_review (owner_id, reviewed_at);

CREATE TABLE quiz (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  question_count INTEGER NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX quiz_notebook_created_idx ON quiz (notebook_id, created_at, id);

CREATE TABLE quiz_question (
  id TEXT PRIMARY KEY NOT NULL,
  quiz_id TEXT NOT NULL REFERENCES quiz(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  -- multiple_choice | short_answer
  kind TEXT NOT NULL,
  prompt TEXT NOT NULL,
  -- JSON array of strings (multiple choice), else NULL
  choices TEXT,
  correct_choice INTEGER,
  -- JSON array of accepted answers (short answer), else NULL
  accepted_answers TEXT,
  explanation TEXT NOT NULL,
  chunk_id TEXT NOT NULL,
  document_id TEXT NOT NULL,
  document_title TEXT NOT NULL,
  page_start INTEGER NOT NULL,
  page_end INTEGER NOT NULL
);
CREATE UNIQUE INDEX quiz_question_position_idx ON quiz_question (quiz_id, position);

-- A graded attempt; `results` is the JSON list of per-question outcomes (immutable once graded).
CREATE TABLE quiz_attempt (
  id TEXT PRIMARY KEY NOT NULL,
  quiz_id TEXT NOT NULL REFERENCES quiz(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  score INTEGER NOT NULL,
  total INTEGER NOT NULL,
  results TEXT NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX quiz_attempt_quiz_created_idx ON quiz_attempt (quiz_id, created_at, id);

-- One guide per notebook, valid while notebook.content_version equals `content_version`.
CREATE TABLE study_guide (
  notebook_id TEXT PRIMARY KEY NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  content_version INTEGER NOT NULL,
  -- JSON: the guide with its citations
  guide TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
) WITHOUT ROWID;
