-- D061: sales document whose tiers no longer exists.
SELECT
    CAST(d.DO_Type AS varchar(6)) + '/' + d.DO_Piece AS finding_key,
    d.DO_Tiers AS detail
FROM F_DOCENTETE AS d
WHERE d.DO_Domaine = 0
    AND NOT EXISTS (SELECT 1 FROM F_COMPTET AS t WHERE t.CT_Num = d.DO_Tiers)
ORDER BY d.DO_Type, d.DO_Piece;
