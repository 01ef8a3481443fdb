"""The GDPR DPIA criteria (EDPB WP248 rev.01) by key, as messages and the board report name them
(English, Dutch). Which of them a proposal meets is IM504's conclusion, in its findings' args."""

CRITERIA = {
    "vulnerable": ("children's data (vulnerable data subjects)", "gegevens van kinderen (kwetsbare betrokkenen)"),
    "sensitive": ("special categories of data", "bijzondere persoonsgegevens"),
    "scoring": ("scoring or profiling", "profilering of scoring"),
    "automated-decisions": ("automated decisions with legal or similar effect", "geautomatiseerde besluiten"),
    "monitoring": ("systematic monitoring", "stelselmatige monitoring"),
    "large-scale": ("large-scale processing", "grootschalige verwerking"),
    "combining": ("combining data sets", "combineren van gegevensverzamelingen"),
    "innovative": ("innovative technology", "innovatieve technologie"),
}
