-- Scanned pages (issue 19): each PDF page knows whether its text came from the text layer or from OCR.
--
-- ocr: NULL for a page read from its text layer; 'needs-ocr' for a scanned page not read yet (ocr_reason says
-- why, in words a student reads); 'provider' when a vision model read it during ingestion; 'browser' when the
-- student's browser read it (tesseract.js) and posted the text back.
-- image_type: the media type of the page image kept in R2 beside the original (documents/<nb>/<doc>/pages/<n>),
-- NULL when no image was kept. ocr_words: the recognised words with their boxes as JSON
-- ([{"t":"word","b":[x0,y0,x1,y1]}], fractions of the image), so a citation can highlight its region.
ALTER TABLE document_page ADD COLUMN ocr TEXT CHECK (ocr IN ('needs-ocr', 'provider', 'browser'));
ALTER TABLE document_page ADD COLUMN ocr_reason TEXT;
ALTER TABLE document_page ADD COLUMN image_type TEXT;
ALTER TABLE document_page ADD COLUMN ocr_words TEXT;
CREATE INDEX document_page_needs_ocr ON document_page (document_id) WHERE ocr = 'needs-ocr';
