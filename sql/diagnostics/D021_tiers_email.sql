-- D021: tiers e-mail not empty and not of the form x@y.z (no space,
-- exactly one @, a dot after the @).
SELECT
    t.CT_Num AS finding_key,
    t.CT_EMail AS detail
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CT_EMail, ''))) <> ''
    AND (
        t.CT_EMail + 'x' LIKE '% %'
        OR t.CT_EMail LIKE '%@%@%'
        OR t.CT_EMail NOT LIKE '%_@_%._%'
    )
ORDER BY t.CT_Num;
