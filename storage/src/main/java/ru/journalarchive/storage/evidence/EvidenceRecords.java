package ru.journalarchive.storage.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.ArchiveTimeStampChain;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.bouncycastle.tsp.ers.ERSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.ObjectHashes;
import ru.journalarchive.storage.archive.StoredVersion;

/**
 * Evidence records (RFC 4998, with RFC 6283's purpose: long-term proof of existence) over the archived
 * packages' manifest.json files, kept as locked objects that are never rewritten.
 * <p>
 * {@link #buildDue()} puts every catalogued document not yet covered into ONE new record: a hash tree
 * (Streebog-256 by default) over their manifests and one RFC 3161 time-stamp over its root, stored as
 * {@code evidence/<yyyy>/<record-id>.ers}. {@link #renewDue} adds renewals as new objects
 * {@code evidence/<yyyy>/<record-id>.r<n>.ers}: a time-stamp renewal (§5.2) before a TSA certificate
 * (or its CA's) expires or when it is revoked, a hash-tree renewal (§5.3) when the record's digest is
 * retired. The object format is described at {@link EvidenceObject}; {@link #evidenceFor} gives a
 * document's standalone RFC 4998 EvidenceRecord, which BouncyCastle's {@code ERSEvidenceRecord}
 * verifies against the manifest's bytes.
 * <p>
 * Exactly once under faults: a record's plan (record, coverage and object rows, BUILDING) is committed
 * before anything goes to S3; the object's key follows from the record id; an unfinished object is
 * finished by the next call under a row lock (SKIP LOCKED, so two callers never finish the same one):
 * adopted if any version of its key is in the bucket, else time-stamped and put again.
 */
public final class EvidenceRecords {

    private static final Logger log = LoggerFactory.getLogger(EvidenceRecords.class);
    private static final int HASH_FILL_BATCH = 500;

    private final LockedObjects archive;
    private final EvidenceCatalogue catalogue;
    private final TransactionTemplate tx;
    private final ArchiveTimeStamping stamping;
    private final EvidencePolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The record read last: an inspector's queries tend to stay in one record, which costs a 5 MB read and a tree per 100 000 documents. */
    private record ReadRecord(List<StoredVersion> versions, DocumentEvidence evidence) {}

    private volatile ReadRecord lastRead;
    /** Test hook: runs after an object's put and before the catalogue hears of it (a crash there). */
    Runnable afterPut = () -> {};

    public EvidenceRecords(LockedObjects archive, JdbcTemplate jdbc, ArchiveTimeStamping stamping, EvidencePolicy policy, Clock clock) {
        this.archive = archive;
        this.catalogue = new EvidenceCatalogue(jdbc);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.stamping = stamping;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Finishes what an earlier call left unfinished, then builds one record over every document not yet
     * covered. Returns the ids of the records it stored (none when nothing was due).
     */
    public List<String> buildDue() {
        var stored = new ArrayList<>(finishUnfinished());
        fillManifestHashes();
        plan().ifPresent(id -> log.info("evidence record {} planned", id));
        stored.addAll(finishUnfinished());
        return stored;
    }

    /** Renewals due at {@code now} (expiring TSA certificates, retired digests); returns the renewed record ids. */
    public List<String> renewDue(Instant now) {
        return renewDue(now, List.of());
    }

    /**
     * As {@link #renewDue(Instant)}, and at once for a record whose newest time-stamp's TSA certificate
     * one of {@code crls} lists as revoked. The CRLs are trusted as given (the caller checks their
     * signatures); the document signers' certificates play no part in renewal.
     */
    public List<String> renewDue(Instant now, Collection<X509CRL> crls) {
        var renewed = new ArrayList<>(finishUnfinished());
        var revocation = new TsaRevocation(crls);
        for (var record : catalogue.done()) {
            EvidenceCatalogue.Kind kind;
            EvidenceDigest digest = record.digest();
            if (policy.retiredDigests().contains(record.digest())) {
                kind = EvidenceCatalogue.Kind.HASHTREE_RENEWAL;
                digest = policy.renewalDigest();
            } else if (!record.renewalDeadline().isAfter(now) || revocation.revoked(record.tsaCertificate())) {
                kind = EvidenceCatalogue.Kind.TIMESTAMP_RENEWAL;
            } else {
                continue;
            }
            var k = kind;
            var d = digest;
            if (Boolean.TRUE.equals(tx.execute(s -> catalogue.planRenewal(record, k, d, clock.instant()))))
                log.info("evidence record {} renewal {} planned ({})", record.recordId(), record.lastSeq() + 1, k);
        }
        renewed.addAll(finishUnfinished());
        return renewed.stream().distinct().toList();
    }

    /** The document's standalone RFC 4998 EvidenceRecord (DER), renewals included; empty while not covered. */
    public Optional<byte[]> evidenceFor(String documentId) {
        var versions = catalogue.objectsFor(documentId);
        if (versions.isEmpty()) return Optional.empty();
        var cached = lastRead;
        if (cached == null || !cached.versions().equals(versions)) lastRead = cached = new ReadRecord(versions, new DocumentEvidence(read(versions)));
        return cached.evidence().of(documentId).map(EvidenceRecords::der);
    }

    public EvidenceStatus status() {
        return catalogue.status();
    }

    /** Step 1 of a build: the plan, committed before any S3 write. Package-private so tests can stop after it. */
    Optional<String> plan() {
        return tx.execute(s -> catalogue.plan(policy.digest(), policy.mode(), clock.instant()));
    }

    /** Step 2: finishes every unfinished object, one at a time, each under its row lock. */
    List<String> finishUnfinished() {
        var finished = new ArrayList<String>();
        while (true) {
            String id = tx.execute(s -> catalogue.claimUnfinished().map(p -> {
                finish(p);
                return p.recordId();
            }).orElse(null));
            if (id == null) return finished;
            finished.add(id);
        }
    }

    private void finish(EvidenceCatalogue.Planned p) {
        var earlier = archive.present(p.key()).get(p.key());
        EvidenceObject object;
        StoredVersion version;
        if (earlier != null) {
            version = earlier.version();
            object = EvidenceObject.parse(archive.read(version));
            if (!object.recordId().equals(p.recordId()) || object.seq() != p.seq() || !plannedLeaves(p, object))
                throw new IllegalStateException("the object at " + p.key() + " is not the one planned for " + p.recordId());
            log.info("evidence object {} found stored, adopted", p.key());
        } else {
            object = switch (p.kind()) {
                case CHAIN -> firstChain(p);
                case TIMESTAMP_RENEWAL -> timeStampRenewal(p);
                case HASHTREE_RENEWAL -> hashTreeRenewal(p);
            };
            version = archive.put(p.key(), object.encoded(), "application/octet-stream", p.mode(), p.retainUntil());
        }
        afterPut.run();
        var facts = TimeStampFacts.of(newestTimeStamp(object));
        catalogue.stored(p, version.versionId(), facts, facts.earliestNotAfter().minus(policy.renewalMargin()));
        log.info("evidence object {} stored, time-stamped {}, renew by {}", p.key(), facts.genTime(),
                facts.earliestNotAfter().minus(policy.renewalMargin()));
    }

    /** A first chain found stored must cover exactly the planned documents with the planned manifest hashes. */
    private boolean plannedLeaves(EvidenceCatalogue.Planned p, EvidenceObject object) {
        if (p.kind() != EvidenceCatalogue.Kind.CHAIN) return true;
        var stored = ((EvidenceObject.Chain) object).leaves();
        var planned = firstLeaves(p);
        if (stored.size() != planned.size()) return false;
        for (int i = 0; i < stored.size(); i++)
            if (!stored.get(i).documentId().equals(planned.get(i).documentId())
                    || !java.util.Arrays.equals(stored.get(i).hash(), planned.get(i).hash())) return false;
        return true;
    }

    private static org.bouncycastle.asn1.cms.ContentInfo newestTimeStamp(EvidenceObject o) {
        return o instanceof EvidenceObject.Chain c ? c.timeStamp() : ((EvidenceObject.Renewal) o).archiveTimeStamp().getTimeStamp();
    }

    private EvidenceObject firstChain(EvidenceCatalogue.Planned p) {
        return chain(p, firstLeaves(p));
    }

    /**
     * A new chain's leaves: each manifest hashed with the record's digest. The catalogue keeps every
     * manifest's Streebog-256; once that is retired, the manifests are read and hashed anew (a verifier
     * hashes the manifest with the archive time-stamp's digest, so a 256-bit leaf in a 512-bit tree proves nothing).
     */
    private List<EvidenceObject.Leaf> firstLeaves(EvidenceCatalogue.Planned p) {
        if (p.digest() == EvidenceDigest.STREEBOG_256) return DocumentEvidence.sorted(catalogue.leaves(p.recordId()));
        var leaves = new ArrayList<EvidenceObject.Leaf>();
        for (var m : catalogue.manifests(p.recordId()))
            leaves.add(new EvidenceObject.Leaf(m.documentId(), p.digest().digest(archive.read(m.manifest()))));
        return DocumentEvidence.sorted(leaves);
    }

    /** §5.3: each document's leaf is H'(H'(manifest) || H'(its ArchiveTimeStampSequence so far)), under a new tree and time-stamp. */
    private EvidenceObject hashTreeRenewal(EvidenceCatalogue.Planned p) {
        var evidence = new DocumentEvidence(read(catalogue.objects(p.recordId())));
        var leaves = new ArrayList<EvidenceObject.Leaf>();
        for (var m : catalogue.manifests(p.recordId())) {
            byte[] manifest = archive.read(m.manifest());
            var sequence = evidence.of(m.documentId()).orElseThrow().getArchiveTimeStampSequence();
            leaves.add(new EvidenceObject.Leaf(m.documentId(), p.digest().digest(p.digest().digest(manifest),
                    p.digest().digest(der(sequence)))));
        }
        return chain(p, DocumentEvidence.sorted(leaves));
    }

    private EvidenceObject.Chain chain(EvidenceCatalogue.Planned p, List<EvidenceObject.Leaf> sortedLeaves) {
        var hashes = new byte[sortedLeaves.size()][];
        for (int i = 0; i < hashes.length; i++) hashes[i] = sortedLeaves.get(i).hash();
        byte[] root = new MerkleTree(p.digest(), hashes).root();
        var request = request().generate(p.digest().algorithmIdentifier(), root, new BigInteger(64, random));
        var response = stamp(request);
        return new EvidenceObject.Chain(p.recordId(), p.seq(), p.digest(), response.getTimeStampToken().toCMSSignedData().toASN1Structure(),
                sortedLeaves);
    }

    /**
     * §5.2: a new ArchiveTimeStamp over the previous time-stamps of the last chain. They are the same for
     * every document of the record, so one document's EvidenceRecord gives the renewal for all.
     */
    private EvidenceObject timeStampRenewal(EvidenceCatalogue.Planned p) {
        var objects = read(catalogue.objects(p.recordId()));
        // the newest chain's documents: a hash-tree renewal leaves out documents disposed of before it
        var lastChain = (EvidenceObject.Chain) objects.stream().filter(o -> o instanceof EvidenceObject.Chain).reduce((x, y) -> y).orElseThrow();
        var any = lastChain.leaves().get(0).documentId();
        try {
            var current = new ERSEvidenceRecord(new DocumentEvidence(objects).of(any).orElseThrow(), EvidenceDigest.calculators());
            var request = current.generateTimeStampRenewalRequest(request(), new BigInteger(64, random));
            var renewed = current.renewTimeStamp(stamp(request)).toASN1Structure();
            ArchiveTimeStampChain[] chains = renewed.getArchiveTimeStampSequence().getArchiveTimeStampChains();
            ArchiveTimeStamp[] stamps = chains[chains.length - 1].getArchiveTimestamps();
            return new EvidenceObject.Renewal(p.recordId(), p.seq(), stamps[stamps.length - 1]);
        } catch (TSPException | ERSException e) {
            throw new IllegalStateException("cannot renew the time-stamp of " + p.recordId(), e);
        }
    }

    private TimeStampRequestGenerator request() {
        var generator = new TimeStampRequestGenerator();
        generator.setCertReq(true); // the token must carry the TSA certificate: its expiry drives renewal
        return generator;
    }

    /** Stamps and checks that the answer is granted and is for this request (imprint, nonce). */
    private TimeStampResponse stamp(TimeStampRequest request) {
        var response = stamping.stamp(request);
        try {
            response.validate(request);
        } catch (TSPException e) {
            throw new IllegalStateException("the TSA's answer does not match the request: " + e.getMessage(), e);
        }
        if (response.getTimeStampToken() == null) throw new IllegalStateException("the TSA refused: " + response.getStatusString());
        return response;
    }

    private List<EvidenceObject> read(List<StoredVersion> versions) {
        var objects = new ArrayList<EvidenceObject>();
        for (var v : versions) objects.add(EvidenceObject.parse(archive.read(v)));
        return objects;
    }

    /** Hashes the manifests of older catalogue rows (written before V4) once, reading each from S3. */
    private void fillManifestHashes() {
        List<EvidenceCatalogue.Missing> missing;
        while (!(missing = catalogue.withoutManifestHash(HASH_FILL_BATCH)).isEmpty()) {
            for (var m : missing) catalogue.manifestHash(m.documentId(), ObjectHashes.streebog256(archive.read(m.manifest())));
            log.info("manifest hashes filled in for {} older documents", missing.size());
        }
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
