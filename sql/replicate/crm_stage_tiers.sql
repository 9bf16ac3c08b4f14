-- One staged tiers row; the writer repeats the VALUES tuple for a batch of
-- rows, renaming @pN to @r<row>pN (at most 2100 parameters per call).
INSERT INTO liaison.StageTiers (
    IntegrationId, CT_Num, CT_Intitule, CT_Type, TypeTiers, Sommeil,
    CompteCollectif, CompteCollectifIntitule, TiersPayeur, TiersPayeurIntitule,
    ConditionsPaiement, CodeRisque, CodeRisqueIntitule, CodeRisqueAction,
    Encours, Representant, SourceMarq, CaHtN, CaHtN1, NbFacturesN,
    NbFacturesN1, DerniereFacture, LineCount, LineMarqSum
)
VALUES
(
    @IntegrationId, @p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10,
    @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20, @p21, @p22
);
