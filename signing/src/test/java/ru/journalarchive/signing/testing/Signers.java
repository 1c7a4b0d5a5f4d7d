package ru.journalarchive.signing.testing;

import java.time.Instant;
import ru.journalarchive.signing.pki.CertificateSubject;

/** People and organisations for test certificates, with every field of Приказ ФСБ № 795 filled in. */
public final class Signers {

    private Signers() {}

    public static CertificateSubject director() {
        return new CertificateSubject("Лебедева Ирина Викторовна", "Лебедева", "Ирина Викторовна", "Директор",
                "МБОУ «СОШ № 18»", "Администрация", "г. Саки", "Республика Крым", "ул. Школьная, д. 1",
                "director@school18.example", "12345678901", "910201234567", "9102012345", "1149102012345", null);
    }

    public static final Instant NOW = Instant.parse("2026-06-25T09:00:00Z");
}
