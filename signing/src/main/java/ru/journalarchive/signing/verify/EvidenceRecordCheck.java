package ru.journalarchive.signing.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.ArchiveTimeStampChain;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.ers.ERSArchiveTimeStamp;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.bouncycastle.tsp.ers.ERSException;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * An RFC 4998 evidence record checked against the data object it is over (in the archive: a
 * package's manifest.json): the hash tree of the first archive time-stamp leads from the data's hash
 * to its imprint, and every renewal's imprint is over the archive time-stamp before it. What comes
 * out are the archive time-stamps in chain order, as proofs that the data existed at their times;
 * their signatures and TSAs are for the verifier to judge ({@link ValidationContext#withProofs}).
 */
public final class EvidenceRecordCheck {

    /** @param covers whether the record is over these bytes; {@code proofs} is empty when not */
    public record Result(boolean covers, List<ProofOfExistence> proofs, List<String> reasons) {}

    private EvidenceRecordCheck() {}

    public static Result check(byte[] evidenceRecord, byte[] data) {
        DigestCalculatorProvider digests;
        try {
            digests = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.get()).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
        ERSEvidenceRecord record;
        try {
            // The constructor checks that each renewal's imprint is over the archive time-stamp before it.
            record = new ERSEvidenceRecord(evidenceRecord, digests);
        } catch (ERSException | TSPException | RuntimeException e) {
            return refused("Доказательство хранения повреждено или не является записью RFC 4998: " + e.getMessage());
        }
        ArchiveTimeStampChain[] chains = record.toASN1Structure().getArchiveTimeStampSequence().getArchiveTimeStampChains();
        if (chains.length > 2)
            return refused("Доказательство хранения с более чем одной сменой алгоритма хеширования не поддерживается");
        try {
            if (chains.length == 2) {
                // BouncyCastle checks the data only against the last chain (with the digest of the earlier one): check the first too.
                ArchiveTimeStamp first = chains[0].getArchiveTimestamps()[0];
                var primary = new ERSArchiveTimeStamp(first, digests);
                primary.validatePresent(new ERSByteData(data), primary.getGenTime());
            }
            ArchiveTimeStamp[] last = chains[chains.length - 1].getArchiveTimestamps();
            record.validatePresent(new ERSByteData(data), new ERSArchiveTimeStamp(last[last.length - 1], digests).getGenTime());
        } catch (ERSException | TSPException | RuntimeException e) {
            return refused("Доказательство хранения не относится к этим данным: хеш данных не сходится с деревом хешей "
                    + "архивного штампа времени (данные изменены или запись выдана на другие данные)");
        }
        var proofs = new ArrayList<ProofOfExistence>();
        int n = 0;
        try {
            for (ArchiveTimeStampChain chain : chains)
                for (ArchiveTimeStamp stamp : chain.getArchiveTimestamps()) {
                    byte[] token = stamp.getTimeStamp().getEncoded(ASN1Encoding.DER);
                    var parsed = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
                    proofs.add(new ProofOfExistence(parsed.getTimeStampInfo().getGenTime().toInstant(), token,
                            "архивный штамп времени " + ++n + " доказательства хранения"));
                }
        } catch (IOException | TSPException | org.bouncycastle.cms.CMSException e) {
            return refused("Архивный штамп времени в доказательстве хранения не читается: " + e.getMessage());
        }
        return new Result(true, List.copyOf(proofs), List.of("Доказательство хранения относится к этим данным"));
    }

    private static Result refused(String reason) {
        return new Result(false, List.of(), List.of(reason));
    }
}
