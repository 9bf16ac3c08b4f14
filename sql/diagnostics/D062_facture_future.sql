-- D062: sales invoice (DO_Type 6 or 7) dated after the reference date.
SELECT
    CAST(d.DO_Type AS varchar(6)) + '/' + d.DO_Piece AS finding_key,
    CONVERT(varchar(10), d.DO_Date, 120) AS detail
FROM F_DOCENTETE AS d
WHERE d.DO_Domaine = 0
    AND d.DO_Type IN (6, 7)
    AND d.DO_Date >= DATEADD(DAY, 1, @RefDate)
ORDER BY d.DO_Type, d.DO_Piece;
