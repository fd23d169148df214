-- Which Vectorize index holds a notebook's vectors (issue 21, docs/scale.md §3 and §5 "index groups";
-- workers/api/src/vectors/vector-store.ts). 0 is the binding VECTORS, n > 0 the binding VECTORS_<n>. Set once,
-- when the notebook is created, from VECTOR_INDEX_FOR_NEW_NOTEBOOKS (never derived from a count that changes), and
-- never changed after: its vectors stay where they were written. Every notebook that exists is in index 0.
ALTER TABLE notebook ADD COLUMN vector_index INTEGER NOT NULL DEFAULT 0 CHECK (vector_index >= 0);
