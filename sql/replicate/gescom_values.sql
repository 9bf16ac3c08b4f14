-- Free-field and statistical values of the tiers in scope.  The column list
-- between the markers is generated from the definitions, one bracket-quoted
-- column per field (names are users' labels); the marker line shows its form.
SELECT
    t.CT_Num
    -- liaison:columns-begin
    , t.[__column__]
    -- liaison:columns-end
FROM dbo.F_COMPTET AS t
WHERE
    (
        (t.CT_Type = 0 AND COALESCE(t.CT_Prospect, 0) = 0 AND @Clients = 1)
        OR (t.CT_Type = 0 AND t.CT_Prospect = 1 AND @Prospects = 1)
        OR (t.CT_Type = 1 AND @Fournisseurs = 1)
    )
    AND (@Sommeil = 1 OR t.CT_Sommeil = 0)
    AND (@Since IS NULL OR t.cbModification >= @Since)
ORDER BY t.CT_Num;
