package ru.journalarchive.app.connectors;

/**
 * The journal systems the service can pull from; each kind has its own Camel route
 * ({@code direct:connector-<route>}) that fetches one class and maps it onto a batch.
 */
public enum SourceKind {
    DNEVNIK_RU("dnevnik-ru", "dnevnik", "Дневник.ру"),
    NET_CITY("net-city", "netcity", "«Сетевой город»");

    private final String route;
    private final String idPrefix;
    private final String title;

    SourceKind(String route, String idPrefix, String title) {
        this.route = route;
        this.idPrefix = idPrefix;
        this.title = title;
    }

    /** The Camel endpoint that fetches one class of a source of this kind. */
    public String endpoint() {
        return "direct:connector-" + route;
    }

    /** Records pulled from this kind carry ids {@code <prefix>:…}, apart from pushed ones. */
    public String idPrefix() {
        return idPrefix;
    }

    public String title() {
        return title;
    }
}
