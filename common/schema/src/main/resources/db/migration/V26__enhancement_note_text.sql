-- The note as posted to SDP, so people can read it in the console and the enhancements API without
-- SDP access. Written when the posting starts (the text about to be sent), under the row's own RLS;
-- it goes with the row at erasure. NULL for rows from before this column and for gate probes.
ALTER TABLE enhancement_history ADD COLUMN note_text text;
