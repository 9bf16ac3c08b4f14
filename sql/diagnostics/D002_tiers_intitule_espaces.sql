-- D002: CT_Intitule not empty but with leading or trailing spaces.
-- LEN ignores trailing spaces, so both sides get a sentinel character.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CT_Intitule, ''))) <> ''
    AND LEN(t.CT_Intitule + 'x') <> LEN(LTRIM(RTRIM(t.CT_Intitule)) + 'x')
ORDER BY t.CT_Num;
