package ru.journalarchive.app.web.director;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.verify.SignerDetails;

/**
 * Before the token signs anything: a certificate out of its validity, or without a GOST key, cannot sign
 * (errors); one whose owner is not the school's director may, once the director confirms (warning).
 */
@org.springframework.stereotype.Component
public final class TokenCertificateCheck {

    public record Verdict(String owner, String title, String organization, String validFrom, String validTo,
                          List<String> errors, List<String> warnings) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final Clock clock;
    private final ZoneId zone;

    @org.springframework.beans.factory.annotation.Autowired
    public TokenCertificateCheck(ru.journalarchive.app.config.JournalArchiveProperties properties) {
        this(Clock.systemUTC(), ZoneId.of(properties.reports().timeZone()));
    }

    TokenCertificateCheck(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public Verdict check(X509Certificate certificate, String directorName) {
        var details = SignerDetails.of(certificate);
        var errors = new ArrayList<String>();
        var warnings = new ArrayList<String>();
        var now = clock.instant();
        String from = date(certificate.getNotBefore()), to = date(certificate.getNotAfter());
        if (certificate.getNotAfter().toInstant().isBefore(now))
            errors.add("Срок действия сертификата истёк " + to + ": подписать им нельзя. Выберите действующий сертификат.");
        else if (certificate.getNotBefore().toInstant().isAfter(now))
            errors.add("Сертификат начнёт действовать только " + from + ".");
        try {
            GostAlgorithm.of(certificate.getPublicKey());
        } catch (IllegalArgumentException e) {
            errors.add("Ключ сертификата не ГОСТ Р 34.10-2012: такой подписью документы школы не подписываются.");
        }
        String owner = owner(details);
        if (directorName == null || !normal(owner).equals(normal(directorName)))
            warnings.add("Владелец сертификата — " + owner + ", а директор школы — " + (directorName == null ? "не указан" : directorName)
                    + ". Подписывайте этим сертификатом, только если так и должно быть.");
        return new Verdict(owner, details.title(), details.organization(), from, to, List.copyOf(errors), List.copyOf(warnings));
    }

    /** Фамилия, имя и отчество: SN and G in a qualified certificate, else its CN. */
    private static String owner(SignerDetails d) {
        return d.surname() != null && d.givenName() != null ? d.surname() + " " + d.givenName() : d.commonName();
    }

    private static String normal(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replace('ё', 'е').trim().replaceAll("\\s+", " ");
    }

    private String date(java.util.Date date) {
        return date.toInstant().atZone(zone).format(DATE);
    }
}
