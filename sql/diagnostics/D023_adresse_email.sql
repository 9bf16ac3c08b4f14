-- D023: delivery-address e-mail not empty and malformed (same rule as D021).
SELECT
    l.CT_Num + '/' + CAST(l.LI_No AS varchar(11)) AS finding_key,
    l.LI_EMail AS detail
FROM F_LIVRAISON AS l
WHERE LTRIM(RTRIM(ISNULL(l.LI_EMail, ''))) <> ''
    AND (
        l.LI_EMail + 'x' LIKE '% %'
        OR l.LI_EMail LIKE '%@%@%'
        OR l.LI_EMail NOT LIKE '%_@_%._%'
    )
ORDER BY l.CT_Num, l.LI_No;
