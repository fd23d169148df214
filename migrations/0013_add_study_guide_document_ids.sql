-- Study guides from chosen sources (issue 15): the guide, like flashcards and quizzes, can be made from some
-- of the notebook's documents. The cached guide remembers which: a JSON array of document ids, sorted, or
-- NULL for "every ready document". It is served from the cache only for the same choice and content version.
ALTER TABLE study_guide ADD COLUMN document_ids TEXT;
