package ru.journalarchive.signing.external;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import ru.journalarchive.signing.cades.CadesBaselineT;
import ru.journalarchive.signing.cades.CmsEncoding;
import ru.journalarchive.signing.external.SigningSessions.Session;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.signing.timestamp.TimeStampUnavailable;

/**
 * Signing with a key that never leaves its token (the director's qualified key through the CryptoPro
 * browser plug-in), in two steps. <em>prepare</em> reserves the signature in the PDF (or takes the
 * file for a detached signature) and hands out the Streebog hash to sign; <em>complete</em> takes the
 * detached CMS SignedData the token made over that hash, checks that its messageDigest is that hash,
 * that it verifies and that the certificate is the one announced, and embeds it (or returns it as the
 * {@code .sig}). With a time-stamp authority the token's CMS gets a signature time-stamp before it is
 * embedded (CAdES-T / PAdES-T), as server-key signatures do: a token cannot stamp its own signature.
 * Sessions live for a limited time in a {@link SigningSessions} store: this process's memory by
 * default, or the service's database, so that a session prepared before a restart, or on another
 * node, completes all the same. A session completes once, whichever node is asked.
 */
public final class ExternalSigning {

    private final SigningSessions sessions;
    private final Duration lifetime;
    private final Clock clock;
    private final CadesBaselineT timestamps;

    public ExternalSigning(Duration lifetime, Clock clock) {
        this(lifetime, clock, null);
    }

    /** @param tsa stamps every completed signature; null for signatures without a time-stamp */
    public ExternalSigning(Duration lifetime, Clock clock, TimeStampClient tsa) {
        this(lifetime, clock, tsa, SigningSessions.inMemory());
    }

    /** @param sessions where the sessions are kept between prepare and complete */
    public ExternalSigning(Duration lifetime, Clock clock, TimeStampClient tsa, SigningSessions sessions) {
        this.lifetime = lifetime;
        this.clock = clock;
        this.timestamps = tsa == null ? null : new CadesBaselineT(tsa);
        this.sessions = sessions;
    }

    /** Reserves a PAdES signature with the visible mark of {@code certificate}; the token signs the byte ranges. */
    public PreparedSignature preparePdf(byte[] pdf, X509Certificate certificate, Instant signingTime, StampPlacement stamp,
                                        String reason) {
        return preparePdf(pdf, certificate, signingTime, stamp, reason, null, null);
    }

    /**
     * As {@link #preparePdf(byte[], X509Certificate, Instant, StampPlacement, String)}, in a session of
     * {@code owner} about {@code reference} (the caller's labels, see {@link SigningSessions.Session}).
     */
    public PreparedSignature preparePdf(byte[] pdf, X509Certificate certificate, Instant signingTime, StampPlacement stamp,
                                        String reason, String owner, String reference) {
        try (var document = Loader.loadPDF(pdf); var options = new SignatureOptions()) {
            var signature = PadesBaselineB.dictionary(certificate, signingTime, reason);
            int lastPage = document.getNumberOfPages() - 1;
            options.setPreferredSignatureSize(PadesBaselineB.SIGNATURE_SIZE);
            options.setPage(lastPage);
            options.setVisualSignature(PadesBaselineB.mark(document.getPage(lastPage), stamp, certificate));
            document.addSignature(signature, options);
            var out = new ByteArrayOutputStream(pdf.length + PadesBaselineB.SIGNATURE_SIZE * 2 + 65_536);
            var external = document.saveIncrementalForExternalSigning(out);
            byte[] ranges = external.getContent().readAllBytes();
            external.setSignature(new byte[0]);
            return start(out.toByteArray(), signature.getByteRange(), ranges, certificate, signingTime, owner, reference);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the PDF for signing", e);
        }
    }

    /** A detached CAdES signature over a whole file: the token signs the file's hash. */
    public PreparedSignature prepareDetached(byte[] content, X509Certificate certificate) {
        return prepareDetached(content, certificate, clock.instant(), null, null);
    }

    /** As {@link #prepareDetached(byte[], X509Certificate)}, in a session of {@code owner} about {@code reference}. */
    public PreparedSignature prepareDetached(byte[] content, X509Certificate certificate, Instant signingTime, String owner,
                                             String reference) {
        return start(content, null, content, certificate, signingTime, owner, reference);
    }

    /** The session, while it is open: its owner, reference, certificate and document, for the caller to carry on. */
    public Optional<SigningSessions.Session> session(String sessionId) {
        return sessions.find(sessionId, clock.instant());
    }

    /** The owner's open sessions: a page opened again (a closed tab, a restarted node) continues where it was. */
    public List<SigningSessions.Open> openSessions(String owner) {
        return sessions.open(owner, clock.instant());
    }

    /** Closes a session that is not to complete (its document went elsewhere); nothing if it is no longer open. */
    public void cancel(String sessionId) {
        sessions.take(sessionId, clock.instant());
    }

    /**
     * The bytes whose hash was handed out (the PDF's byte ranges, or the file), for signing tools
     * that hash the content themselves (cryptcp, OpenSSL) rather than sign a given hash.
     */
    public byte[] contentToSign(String sessionId) {
        return session(sessionId).orElseThrow(() -> new ExternalSignatureRejected("Сеанс подписания не найден или истёк")).content();
    }

    /**
     * The signed PDF, or for a detached signature the {@code .sig} (the token's CMS as it came). A session
     * completes once; should the TSA not answer ({@link TimeStampUnavailable}) it stays open for the same CMS.
     */
    public byte[] complete(String sessionId, byte[] cms) {
        Session session = sessions.take(sessionId, clock.instant()).orElseThrow(
                () -> new ExternalSignatureRejected("Сеанс подписания не найден или истёк: подготовьте подпись заново"));
        check(session, cms);
        byte[] complete;
        try {
            complete = timestamps == null ? CmsEncoding.der(new CMSSignedData(cms)) : timestamps.extend(cms);
        } catch (TimeStampUnavailable e) {
            sessions.save(session); // the token's signature is good: the same CMS can complete later
            throw e;
        } catch (CMSException e) {
            throw new ExternalSignatureRejected("Подпись не является CMS: " + e.getMessage()); // check() parsed it already
        }
        if (!session.pdf()) return complete;
        String hex = HexFormat.of().withUpperCase().formatHex(complete);
        int start = session.byteRange()[1] + 1; // after '<'
        int room = session.byteRange()[2] - 1 - start;
        if (hex.length() > room)
            throw new ExternalSignatureRejected("Подпись длиннее места, зарезервированного в документе (" + hex.length() / 2
                    + " байт при " + room / 2 + ")");
        byte[] signed = session.document().clone();
        byte[] ascii = hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, signed, start, ascii.length);
        return signed;
    }

    private PreparedSignature start(byte[] document, int[] byteRange, byte[] signedContent, X509Certificate certificate,
                                    Instant signingTime, String owner, String reference) {
        Instant now = clock.instant();
        sessions.removeExpired(now);
        var algorithm = GostAlgorithm.of(certificate.getPublicKey());
        var session = new Session(UUID.randomUUID().toString(), owner, reference, document, byteRange,
                algorithm.digest(signedContent), algorithm.digestAlgorithm(), certificate, signingTime, now.plus(lifetime));
        sessions.save(session);
        return session.prepared();
    }

    private static void check(Session session, byte[] cms) {
        try {
            if (new CMSSignedData(cms).getSignedContent() != null)
                throw new ExternalSignatureRejected("Ожидалась отсоединённая подпись, а в CMS вложено содержимое");
            var signed = new CMSSignedData(new org.bouncycastle.cms.CMSProcessableByteArray(session.content()), cms);
            var signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) throw new ExternalSignatureRejected("В CMS должна быть ровно одна подпись");
            SignerInformation signer = signers.iterator().next();
            var digest = signer.getSignedAttributes() == null ? null : signer.getSignedAttributes().get(CMSAttributes.messageDigest);
            if (digest == null) throw new ExternalSignatureRejected("В подписи нет атрибута messageDigest");
            byte[] signedHash = ASN1OctetString.getInstance(digest.getAttrValues().getObjectAt(0)).getOctets();
            if (!Arrays.equals(signedHash, session.hash()))
                throw new ExternalSignatureRejected("Подпись сделана над другим хешем, не над подготовленным документом");
            var holder = new X509CertificateHolder(session.certificate().getEncoded());
            if (!signer.getSID().match(holder))
                throw new ExternalSignatureRejected("Подпись сделана не тем сертификатом, что был заявлен при подготовке");
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(GostProvider.get()).build(session.certificate())))
                throw new ExternalSignatureRejected("Значение подписи неверно");
        } catch (CMSException | IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ExternalSignatureRejected("Подпись не читается или неверна: " + e.getMessage());
        }
    }
}
