package ru.journalarchive.signing.external;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link ExternalSigning} keeps its sessions between <em>prepare</em> and <em>complete</em>: in
 * memory for one process ({@link #inMemory()}), or in a database shared by the nodes of a service, so
 * that a restart or another node completes what one node prepared. A store knows nothing of what is
 * signed: {@code owner} and {@code reference} are the caller's labels, kept and listed as they are.
 */
public interface SigningSessions {

    /**
     * One prepared signature waiting for the token's CMS.
     *
     * @param owner       whose session it is (the caller lists its sessions by it); may be null
     * @param reference   what is being signed, in the caller's terms (a document id); may be null
     * @param document    for a PDF, the prepared PDF with the signature reserved; otherwise the file signed detached
     * @param byteRange   the PDF signature's /ByteRange, or null for a detached signature
     * @param hash        the hash handed out, which the CMS's messageDigest must be
     * @param signingTime when the signature says it was made (the caller's, carried along)
     */
    record Session(String id, String owner, String reference, byte[] document, int[] byteRange, byte[] hash,
                   String digestAlgorithm, X509Certificate certificate, Instant signingTime, Instant expiresAt) {

        public boolean pdf() {
            return byteRange != null;
        }

        /** Whether the session may still complete at {@code now}. */
        public boolean openAt(Instant now) {
            return !expiresAt.isBefore(now);
        }

        /** The bytes whose hash was handed out: the PDF's two signed byte ranges, or the whole file. */
        public byte[] content() {
            if (byteRange == null) return document.clone();
            byte[] content = new byte[byteRange[1] + byteRange[3]];
            System.arraycopy(document, byteRange[0], content, 0, byteRange[1]);
            System.arraycopy(document, byteRange[2], content, byteRange[1], byteRange[3]);
            return content;
        }

        public PreparedSignature prepared() {
            return new PreparedSignature(id, hash.clone(), digestAlgorithm, expiresAt);
        }
    }

    /** An open session as its owner lists it (without the document): what is signed, at which step, what to sign. */
    record Open(String reference, boolean pdf, PreparedSignature prepared) {}

    /** Keeps a new session, or one given back after a TSA outage; a session already kept under that id stays as it is. */
    void save(Session session);

    /** The session, unless it is unknown or expired at {@code now}. */
    Optional<Session> find(String id, Instant now);

    /**
     * Removes the session and returns it, unless it is unknown or expired at {@code now}. Of callers
     * taking the same session at once (threads, nodes) exactly one gets it: this is what makes a
     * session complete once.
     */
    Optional<Session> take(String id, Instant now);

    /** The owner's sessions open at {@code now}, by reference. */
    List<Open> open(String owner, Instant now);

    /** Forgets the sessions expired before {@code now}; called now and then, so a store need not be swept otherwise. */
    void removeExpired(Instant now);

    /** Sessions in this process's memory: for one process (tests, the command line), lost when it stops. */
    static SigningSessions inMemory() {
        return new InMemorySigningSessions();
    }
}
