/* French vocabulary of the demo company (jewellery trade, like Sage's BIJOU). */
#include "demo_data.h"

#include <string.h>

#define N(a) ((int)(sizeof a / sizeof a[0]))

const char *const demo_surnames[] = {
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
    "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
    "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
    "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
    "Mathieu", "Clément", "Gauthier", "Dumont", "Fontaine", "Chevalier", "Robin", "Masson",
    "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Roche", "Noël",
    "Meyer", "Lucas", "Meunier", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier",
    "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Renard", "Arnaud", "Caron",
    "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard",
    "Lacroix", "Fabre", "Dupuis", "Olivier", "Hubert", "Rivière", "Le Gall", "Guillaume",
    "Ménard", "Fleury", "Deschamps", "Carpentier", "Benoît", "Maillard", "Prévost",
    "Poirier", "Charpentier", "Huet", "Baron", "Carré", "Breton", "Rémy", "Perrot",
    "Cousin", "D'Almeida", "Da Silva", "Lévêque", "Bélanger", "Gaillard", "Bœuf",
};
const int demo_nsurnames = N(demo_surnames);

const char *const demo_firstnames[] = {
    "Jean", "Marie", "Pierre", "Anne", "Michel", "Françoise", "André", "Hélène",
    "Philippe", "Isabelle", "Jacques", "Sylvie", "Éric", "Nathalie", "Stéphane", "Céline",
    "Frédéric", "Valérie", "Sébastien", "Sophie", "Jérôme", "Aurélie", "Loïc", "Chloé",
    "Benoît", "Léa", "Gaëlle", "Noémie", "Raphaël", "Zoé", "Cédric", "Agnès", "Hervé",
    "Thérèse", "Joël", "Maëlys", "Anaïs", "Grégoire", "Béatrice", "Josiane",
};
const int demo_nfirstnames = N(demo_firstnames);

const char *const demo_streets[] = {
    "rue de la Paix", "avenue Victor Hugo", "rue des Orfèvres", "boulevard Jean Jaurès",
    "place de l'Église", "rue du Général de Gaulle", "quai des Célestins", "rue Pasteur",
    "avenue de la République", "impasse des Lilas", "rue Saint-Honoré", "chemin des Écoliers",
    "rue du Château d'Eau", "cours Mirabeau", "allée des Tilleuls", "rue de l'Hôtel de Ville",
    "place Bellecour", "rue Nationale", "boulevard Haussmann", "rue des Forgerons",
};
const int demo_nstreets = N(demo_streets);

const char *const demo_company_forms[] = {
    "Bijouterie %s", "Joaillerie %s & Fils", "%s Créations", "Horlogerie %s",
    "Orfèvrerie %s", "Atelier %s", "L'Écrin %s", "SARL %s Bijoux", "%s et Associés",
    "Maison %s", "Comptoir %s", "Les Bijoux de %s",
};
const int demo_ncompany_forms = N(demo_company_forms);

const char *const demo_supplier_forms[] = {
    "Fonderie %s", "Métaux précieux %s", "Perles %s Import", "Gemmes %s",
    "Emballages %s", "Affinage %s SA",
};
const int demo_nsupplier_forms = N(demo_supplier_forms);

const demo_city demo_cities[] = {
    {"75001", "Paris", "Île-de-France", "France"},
    {"75008", "Paris", "Île-de-France", "France"},
    {"69002", "Lyon", "Auvergne-Rhône-Alpes", "France"},
    {"13001", "Marseille", "Provence-Alpes-Côte d'Azur", "France"},
    {"31000", "Toulouse", "Occitanie", "France"},
    {"06000", "Nice", "Provence-Alpes-Côte d'Azur", "France"},
    {"44000", "Nantes", "Pays de la Loire", "France"},
    {"67000", "Strasbourg", "Grand Est", "France"},
    {"34000", "Montpellier", "Occitanie", "France"},
    {"33000", "Bordeaux", "Nouvelle-Aquitaine", "France"},
    {"59000", "Lille", "Hauts-de-France", "France"},
    {"35000", "Rennes", "Bretagne", "France"},
    {"42000", "Saint-Étienne", "Auvergne-Rhône-Alpes", "France"},
    {"38000", "Grenoble", "Auvergne-Rhône-Alpes", "France"},
    {"21000", "Dijon", "Bourgogne-Franche-Comté", "France"},
    {"30000", "Nîmes", "Occitanie", "France"},
    {"63000", "Clermont-Ferrand", "Auvergne-Rhône-Alpes", "France"},
    {"13100", "Aix-en-Provence", "Provence-Alpes-Côte d'Azur", "France"},
    {"37000", "Tours", "Centre-Val de Loire", "France"},
    {"74000", "Annecy", "Auvergne-Rhône-Alpes", "France"},
    {"25000", "Besançon", "Bourgogne-Franche-Comté", "France"},
    {"57000", "Metz", "Grand Est", "France"},
    {"14000", "Caen", "Normandie", "France"},
    {"27000", "Évreux", "Normandie", "France"},
    {"38080", "L'Isle-d'Abeau", "Auvergne-Rhône-Alpes", "France"},
    {"97400", "Saint-Denis", "La Réunion", "France"},
    {"1000", "Bruxelles", "", "Belgique"},
    {"1201", "Genève", "", "Suisse"},
    {"L-1011", "Luxembourg", "", "Luxembourg"},
};
const int demo_ncities = N(demo_cities);

const demo_article demo_articles[] = {
    {"BAAR01", "Bague Argent", 4500},
    {"CHFE01", "Chaîne fantaisie", 1990},
    {"LINGOR18", "Lingot Or 18 cts", 98000},
    {"CHAAR/VAR", "Chaîne Argent maille et longueur variables", 6900},
    {"EM040", "Émeraude taille 0,40 ct", 54000},
    {"BOAR01", "Boucles d'oreilles argent", 3800},
    {"BRAC01", "Bracelet or jaune", 42000},
    {"COLP01", "Collier de perles de culture", 25900},
    {"MONT01", "Montre « Élégance »", 18900},
    {"PEND01", "Pendentif cœur", 7900},
    {"ALLI01", "Alliance or blanc", 36000},
    {"BROC01", "Broche émaillée", 5600},
    {"GOUR01", "Gourmette enfant gravée", 8900},
    {"SOLI01", "Solitaire diamant 0,50 ct", 249000},
    {"ETUI01", "Écrin velours", 650},
};
const int demo_narticles = N(demo_articles);

const char *const demo_functions[] = {
    "Gérant", "Acheteuse", "Comptable", "Responsable boutique", "Directeur général",
    "Assistante de direction", "Vendeur", "Responsable achats",
};
const int demo_nfunctions = N(demo_functions);

/* Latin-1 supplement letters (U+00C0..U+00FF) without their accents. */
static const char fold[64] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo-ouuuuyty";

void demo_slug(const char *in, char *out, int outlen)
{
    int n = 0, dash = 0;
    const unsigned char *p = (const unsigned char *)in;
    while (*p && n < outlen - 1) {
        int c = -1;
        if (*p < 0x80) {
            c = *p++;
        } else if ((*p == 0xC3) && p[1]) {
            c = (p[1] >= 0x80 && p[1] <= 0xBF) ? fold[p[1] - 0x80] : -1;
            p += 2;
            if (c == 'x' || c == '-')
                c = -1;
        } else if (*p == 0xC5 && (p[1] == 0x93 || p[1] == 0x92)) { /* œ Œ */
            c = 'o';
            p += 2;
            if (n < outlen - 2) {
                if (dash && n > 0 && n < outlen - 3)
                    out[n++] = '-';
                dash = 0;
                out[n++] = 'o';
                c = 'e';
            }
        } else {
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
        }
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0 && n < outlen - 2)
                out[n++] = '-';
            dash = 0;
            out[n++] = (char)c;
        } else {
            dash = 1;
        }
    }
    out[n] = '\0';
}
