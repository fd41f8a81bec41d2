package io.kadring.overlay.node;

import java.util.List;

/**
 * The defences a node keeps against hostile peers (docs/design.md, "Threat model"). All are on
 * by default; each can be turned off, which the simulator does to show what its attack does
 * without it.
 *
 * @param verifiedContacts a contact counts towards a lookup's k closest, receives STOREs or
 *     enters the ring lists only once its node record has verified from its address
 * @param disjointPaths lookups and gets follow several paths that share no node (S/Kademlia)
 * @param ringDiversity the prefix diversity limit applies to the successor list and predecessor
 * @param responseLiveness only a response that matches a request of ours refreshes a contact's
 *     liveness or resets its failures (requests prove nothing: their source can be forged)
 * @param addressQuorum this node's own address is adopted only when distinct hosts agree on it
 * @param antiAmplification to a source whose address is not verified, replies carry at most 3×
 *     the bytes of the request; all replies share a budget per second
 * @param boundedSignatures signature checks are made only when their result could be used,
 *     failures are remembered, and all checks share a budget per second
 * @param sourceQuotas stored records are capped per source (/64 or IPv4 address), immutable
 *     ones included, and local puts have a cap of their own
 */
public record Defences(boolean verifiedContacts, boolean disjointPaths, boolean ringDiversity,
                       boolean responseLiveness, boolean addressQuorum, boolean antiAmplification,
                       boolean boundedSignatures, boolean sourceQuotas) {
    /** Every defence on: the default. */
    public static final Defences ALL = new Defences(true, true, true, true, true, true, true, true);
    /** Every defence off: to show what an attack does without them. */
    public static final Defences NONE = new Defences(false, false, false, false, false, false, false, false);

    /** Each defence's name, as a user writes it (kebab case), in the order of the components. */
    public static final List<String> NAMES = List.of("verified-contacts", "disjoint-paths", "ring-diversity",
            "response-liveness", "address-quorum", "anti-amplification", "bounded-signatures", "source-quotas");

    /**
     * These defences with the one {@code name}d ({@link #NAMES}) turned off; {@code all} turns
     * every one off.
     *
     * @throws IllegalArgumentException naming the value and the names expected, for any other name
     */
    public Defences without(String name) {
        if (name.equals("all")) return NONE;
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("'" + name + "' is not a defence; expected one of "
                    + String.join(", ", NAMES) + ", or all");
        }
        boolean[] on = {verifiedContacts, disjointPaths, ringDiversity, responseLiveness, addressQuorum,
                antiAmplification, boundedSignatures, sourceQuotas};
        on[index] = false;
        return new Defences(on[0], on[1], on[2], on[3], on[4], on[5], on[6], on[7]);
    }
}
