package ru.journalarchive.signing.verify;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.ers.ERSArchiveTimeStampGenerator;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.bouncycastle.tsp.ers.ERSEvidenceRecordGenerator;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;

/** RFC 4998 evidence records with Streebog-256 made here with BouncyCastle, as storage's builder makes them. */
final class EvidenceRecords {

    private EvidenceRecords() {}

    static DigestCalculatorProvider digests() throws Exception {
        return new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.get()).build();
    }

    /** A record over one data object, its first archive time-stamp from {@code tsa}. */
    static byte[] over(byte[] data, TimeStampAuthority tsa) throws Exception {
        var generator = new ERSArchiveTimeStampGenerator(digests().get(new AlgorithmIdentifier(GostAlgorithm.GOST_2012_256.digestOid())));
        generator.addData(new ERSByteData(data));
        var requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        var response = new TimeStampResponse(tsa.respond(generator.generateTimeStampRequest(requests).getEncoded()));
        return new ERSEvidenceRecordGenerator(digests()).generate(generator.generateArchiveTimeStamp(response)).getEncoded();
    }

    /** The record renewed: a new archive time-stamp from {@code tsa} over the last one (RFC 4998 §5.2). */
    static byte[] renewed(byte[] record, TimeStampAuthority tsa) throws Exception {
        var parsed = new ERSEvidenceRecord(record, digests());
        var requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        var response = new TimeStampResponse(tsa.respond(parsed.generateTimeStampRenewalRequest(requests).getEncoded()));
        return parsed.renewTimeStamp(response).getEncoded();
    }
}
