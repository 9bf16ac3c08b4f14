-- D005: CT_Num contains a space but is not only spaces (D003).  The
-- sentinel keeps trailing spaces visible to LIKE.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CT_Num, ''))) <> ''
    AND t.CT_Num + 'x' LIKE '% %'
ORDER BY t.CT_Num;
