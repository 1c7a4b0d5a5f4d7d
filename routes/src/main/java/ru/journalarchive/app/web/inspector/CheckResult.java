package ru.journalarchive.app.web.inspector;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import ru.journalarchive.signing.verify.SignatureReport;
import ru.journalarchive.signing.verify.VerificationReport;

/**
 * A check as the inspector's page shows it, in the order Russian inspectors know from the Госуслуги and
 * Контур.Крипто checks: the verdict, then per signature the signer, the certificate, the time, and the reasons.
 */
public record CheckResult(String file, String verdict, String verdictClass, List<String> reasons, List<SignatureView> signatures) {

    public record Line(String label, String value, Boolean good) {}

    public record SignatureView(String heading, List<Line> signer, List<Line> certificate, List<Line> checks, List<String> reasons) {}

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** @param sources per signature of the report, where it was found ("в PDF", "открепленная, .sig") */
    public static CheckResult of(String file, VerificationReport report, List<String> sources, ZoneId zone) {
        var views = new ArrayList<SignatureView>();
        for (int i = 0; i < report.signatures().size(); i++)
            views.add(view(i + 1, sources.get(i), report.signatures().get(i), zone));
        return new CheckResult(file, report.verdict().russian(), report.verdict().name().toLowerCase(java.util.Locale.ROOT),
                report.reasons(), views);
    }

    private static SignatureView view(int n, String source, SignatureReport s, ZoneId zone) {
        var d = s.signer();
        var signer = new ArrayList<Line>();
        add(signer, "ФИО", d.surname() != null && d.givenName() != null ? d.surname() + " " + d.givenName() : d.commonName());
        add(signer, "Должность", d.title());
        add(signer, "Организация", d.organization());
        add(signer, "СНИЛС", d.snils());
        add(signer, "ИНН", d.inn() != null ? d.inn() : d.innLe());
        add(signer, "ОГРН", d.ogrn());
        var c = s.certificate();
        var certificate = new ArrayList<Line>();
        add(certificate, "Серийный номер", c.serial());
        add(certificate, "Издатель", c.issuer());
        add(certificate, "Действителен", "с " + at(c.notBefore(), zone, DATE) + " по " + at(c.notAfter(), zone, DATE));
        var checks = new ArrayList<Line>();
        checks.add(new Line("Время подписания", s.signingTime() == null ? "не указано" : at(s.signingTime(), zone, DATE_TIME), null));
        checks.add(s.timestamp() == null ? new Line("Штамп времени", "нет: время подписания не подтверждено", false)
                : new Line("Штамп времени", "подтверждает время " + at(s.timestamp(), zone, DATE_TIME), true));
        checks.add(new Line("Целостность", s.integrity() ? "документ не изменён после подписания" : "документ изменён после подписания",
                s.integrity()));
        checks.add(switch (s.chain()) {
            case TRUSTED -> new Line("Цепочка сертификатов", "до доверенного корневого сертификата", true);
            case UNTRUSTED -> new Line("Цепочка сертификатов", "не строится до доверенного корневого сертификата", false);
            case NOT_CHECKED -> new Line("Цепочка сертификатов", "не проверялась", null);
        });
        checks.add(revocation(s.reasons()));
        return new SignatureView("Подпись " + n + " (" + source + "): " + s.verdict().russian().toLowerCase(java.util.Locale.ROOT),
                signer, certificate, checks, s.reasons().stream().filter(r -> !r.startsWith("Подпись ")).toList()); // the verdict is in the heading
    }

    /** The verifier names revocation problems in its reasons; none means every certificate was found unrevoked. */
    private static Line revocation(List<String> reasons) {
        for (String r : reasons) if (r.contains("отозван ")) return new Line("Отзыв сертификата", r, false);
        for (String r : reasons) if (r.contains("об отзыве") || r.contains("списка отозванных") || r.contains("список отозванных"))
            return new Line("Отзыв сертификата", "нет сведений", null);
        return new Line("Отзыв сертификата", "не отозван (по спискам отозванных сертификатов или ответам OCSP)", true);
    }

    private static void add(List<Line> lines, String label, String value) {
        if (value != null && !value.isBlank()) lines.add(new Line(label, value, null));
    }

    private static String at(Instant instant, ZoneId zone, DateTimeFormatter format) {
        return instant.atZone(zone).format(format);
    }
}
