-- French_CI_AS: case-insensitive, accent-sensitive ordering, grouping and uniqueness
CREATE TABLE n (id int NOT NULL, nom varchar(30) NOT NULL, u nvarchar(30) NULL)
INSERT INTO n VALUES (1, 'élan', N'Ærø'), (2, 'Elan', N'Œuvre'), (3, 'elan', N'Łódź'), (4, 'ÉLAN', N'naïve'),
  (5, 'Zèbre', N'日本'), (6, 'zebre', N'Ça'), (7, 'cote', NULL), (8, 'côte', NULL), (9, 'coté', NULL), (10, 'côté', NULL),
  (11, 'Cote', NULL), (12, 'abc', NULL)
GO
SELECT nom FROM n ORDER BY nom, id
SELECT nom, COUNT(*) AS n FROM n GROUP BY nom ORDER BY nom
SELECT COUNT(DISTINCT nom) AS distinct_noms FROM n
SELECT id FROM n WHERE nom = 'ELAN' ORDER BY id
SELECT id FROM n WHERE nom = 'élan' ORDER BY id
SELECT id FROM n WHERE nom > 'cote' AND nom < 'd' ORDER BY nom
GO
SELECT id, u, UPPER(u) AS up, LEN(u) AS l FROM n WHERE u IS NOT NULL ORDER BY id
GO
CREATE TABLE k (code varchar(10) NOT NULL PRIMARY KEY)
INSERT INTO k VALUES ('Abc')
INSERT INTO k VALUES ('ABC')
INSERT INTO k VALUES ('Abé')
INSERT INTO k VALUES ('abc  ')
SELECT code FROM k ORDER BY code
GO
