-- D022: contact e-mail not empty and malformed (same rule as D021).
SELECT
    c.CT_Num + '/' + CAST(c.CT_No AS varchar(11)) AS finding_key,
    c.CT_EMail AS detail
FROM F_CONTACTT AS c
WHERE LTRIM(RTRIM(ISNULL(c.CT_EMail, ''))) <> ''
    AND (
        c.CT_EMail + 'x' LIKE '% %'
        OR c.CT_EMail LIKE '%@%@%'
        OR c.CT_EMail NOT LIKE '%_@_%._%'
    )
ORDER BY c.CT_Num, c.CT_No;
