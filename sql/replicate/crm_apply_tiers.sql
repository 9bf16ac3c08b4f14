-- Applies the staged tiers rows of one integration to TiersInfo and
-- CaRealise: rows that differ are updated, new ones inserted; on a full run
-- (@Full = 1) tiers no longer in scope are deleted with their CA and values.
-- Unchanged rows are not touched (a run with no change writes nothing).
-- Returns the counts of rows inserted, updated and deleted.
DECLARE @ins int = 0;
DECLARE @upd int = 0;
DECLARE @del int = 0;

UPDATE ti
SET
    ti.CT_Intitule = s.CT_Intitule,
    ti.CT_Type = s.CT_Type,
    ti.TypeTiers = s.TypeTiers,
    ti.Sommeil = s.Sommeil,
    ti.CompteCollectif = s.CompteCollectif,
    ti.CompteCollectifIntitule = s.CompteCollectifIntitule,
    ti.TiersPayeur = s.TiersPayeur,
    ti.TiersPayeurIntitule = s.TiersPayeurIntitule,
    ti.ConditionsPaiement = s.ConditionsPaiement,
    ti.CodeRisque = s.CodeRisque,
    ti.CodeRisqueIntitule = s.CodeRisqueIntitule,
    ti.CodeRisqueAction = s.CodeRisqueAction,
    ti.Encours = s.Encours,
    ti.Representant = s.Representant,
    ti.SourceMarq = s.SourceMarq,
    ti.RefreshedAt = GETDATE()
FROM liaison.TiersInfo AS ti
INNER JOIN liaison.StageTiers AS s
    ON s.IntegrationId = ti.IntegrationId AND s.CT_Num = ti.CT_Num
WHERE
    ti.IntegrationId = @IntegrationId
    AND EXISTS (
        SELECT
            s.CT_Intitule, s.CT_Type, s.TypeTiers, s.Sommeil, s.CompteCollectif,
            s.CompteCollectifIntitule, s.TiersPayeur, s.TiersPayeurIntitule,
            s.ConditionsPaiement, s.CodeRisque, s.CodeRisqueIntitule,
            s.CodeRisqueAction, s.Encours, s.Representant, s.SourceMarq
        EXCEPT
        SELECT
            ti.CT_Intitule, ti.CT_Type, ti.TypeTiers, ti.Sommeil, ti.CompteCollectif,
            ti.CompteCollectifIntitule, ti.TiersPayeur, ti.TiersPayeurIntitule,
            ti.ConditionsPaiement, ti.CodeRisque, ti.CodeRisqueIntitule,
            ti.CodeRisqueAction, ti.Encours, ti.Representant, ti.SourceMarq
    );
SET @upd = @upd + @@ROWCOUNT;

INSERT INTO liaison.TiersInfo (
    IntegrationId, CT_Num, CT_Intitule, CT_Type, TypeTiers, Sommeil,
    CompteCollectif, CompteCollectifIntitule, TiersPayeur, TiersPayeurIntitule,
    ConditionsPaiement, CodeRisque, CodeRisqueIntitule, CodeRisqueAction,
    Encours, Representant, SourceMarq, RefreshedAt
)
SELECT
    s.IntegrationId, s.CT_Num, s.CT_Intitule, s.CT_Type, s.TypeTiers, s.Sommeil,
    s.CompteCollectif, s.CompteCollectifIntitule, s.TiersPayeur, s.TiersPayeurIntitule,
    s.ConditionsPaiement, s.CodeRisque, s.CodeRisqueIntitule, s.CodeRisqueAction,
    s.Encours, s.Representant, s.SourceMarq, GETDATE()
FROM liaison.StageTiers AS s
WHERE
    s.IntegrationId = @IntegrationId
    AND NOT EXISTS (
        SELECT 1 FROM liaison.TiersInfo AS ti
        WHERE ti.IntegrationId = s.IntegrationId AND ti.CT_Num = s.CT_Num
    );
SET @ins = @ins + @@ROWCOUNT;

UPDATE c
SET
    c.DebutN = @DebN,
    c.FinN = @FinN,
    c.DebutN1 = @DebN1,
    c.FinN1 = @FinN1,
    c.CaHtN = s.CaHtN,
    c.CaHtN1 = s.CaHtN1,
    c.NbFacturesN = s.NbFacturesN,
    c.NbFacturesN1 = s.NbFacturesN1,
    c.DerniereFacture = s.DerniereFacture,
    c.LineCount = s.LineCount,
    c.LineMarqSum = s.LineMarqSum,
    c.RefreshedAt = GETDATE()
FROM liaison.CaRealise AS c
INNER JOIN liaison.StageTiers AS s
    ON s.IntegrationId = c.IntegrationId AND s.CT_Num = c.CT_Num
WHERE
    c.IntegrationId = @IntegrationId
    AND EXISTS (
        SELECT
            @DebN, @FinN, @DebN1, @FinN1, s.CaHtN, s.CaHtN1, s.NbFacturesN,
            s.NbFacturesN1, s.DerniereFacture, s.LineCount, s.LineMarqSum
        EXCEPT
        SELECT
            c.DebutN, c.FinN, c.DebutN1, c.FinN1, c.CaHtN, c.CaHtN1, c.NbFacturesN,
            c.NbFacturesN1, c.DerniereFacture, c.LineCount, c.LineMarqSum
    );
SET @upd = @upd + @@ROWCOUNT;

INSERT INTO liaison.CaRealise (
    IntegrationId, CT_Num, DebutN, FinN, DebutN1, FinN1, CaHtN, CaHtN1,
    NbFacturesN, NbFacturesN1, DerniereFacture, LineCount, LineMarqSum, RefreshedAt
)
SELECT
    s.IntegrationId, s.CT_Num, @DebN, @FinN, @DebN1, @FinN1, s.CaHtN, s.CaHtN1,
    s.NbFacturesN, s.NbFacturesN1, s.DerniereFacture, s.LineCount, s.LineMarqSum, GETDATE()
FROM liaison.StageTiers AS s
WHERE
    s.IntegrationId = @IntegrationId
    AND NOT EXISTS (
        SELECT 1 FROM liaison.CaRealise AS c
        WHERE c.IntegrationId = s.IntegrationId AND c.CT_Num = s.CT_Num
    );
SET @ins = @ins + @@ROWCOUNT;

IF @Full = 1
    BEGIN
        DELETE FROM liaison.InfoLibreValeur
        WHERE
            IntegrationId = @IntegrationId
            AND CT_Num NOT IN (
                SELECT s.CT_Num FROM liaison.StageTiers AS s
                WHERE s.IntegrationId = @IntegrationId
            );
        DELETE FROM liaison.CaRealise
        WHERE
            IntegrationId = @IntegrationId
            AND CT_Num NOT IN (
                SELECT s.CT_Num FROM liaison.StageTiers AS s
                WHERE s.IntegrationId = @IntegrationId
            );
        DELETE FROM liaison.TiersInfo
        WHERE
            IntegrationId = @IntegrationId
            AND CT_Num NOT IN (
                SELECT s.CT_Num FROM liaison.StageTiers AS s
                WHERE s.IntegrationId = @IntegrationId
            );
        SET @del = @del + @@ROWCOUNT;
    END;

SELECT
    @ins AS Inserted,
    @upd AS Updated,
    @del AS Deleted;
