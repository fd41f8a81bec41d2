package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

final class XorLookupTest {
    private static final Id TARGET = Id.ZERO;

    /** A contact at XOR distance {@code d} from the target (which is zero). */
    private static Contact at(long d) {
        return Contact.seen(IdTest.id(BigInteger.valueOf(d)), new InetSocketAddress("127.0.0.1", (int) (1 + d % 60_000)), 0);
    }

    private static List<Id> ids(List<Contact> contacts) {
        return contacts.stream().map(Contact::id).toList();
    }

    private final Contact self = at(1_000_000);

    @Test
    void aLookupWithNoSeedsFinishesAtOnceWithItself() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(), 20, 3);
        assertTrue(lookup.isFinished());
        assertTrue(lookup.next().isEmpty());
        assertEquals(new LookupResult(List.of(self), 0, 0, 0, 0), lookup.result());
    }

    @Test
    void next_asksTheClosestAndNeverMoreThanAlphaAtOnce_whileAnswersBringCloserContacts() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(50), at(10), at(40), at(20), at(30)), 20, 3);
        assertEquals(List.of(at(10), at(20), at(30)), lookup.next());
        assertTrue(lookup.next().isEmpty(), "waiting");
        assertEquals(3, lookup.inFlight());
        lookup.onResponse(at(20).id(), List.of(at(5)));
        assertEquals(List.of(at(5)), lookup.next(), "progress: still alpha at a time");
        assertTrue(lookup.next().isEmpty(), "waiting");
    }

    @Test
    void aStalledLookup_asksAllOfTheKClosestNotYetAskedAtOnce() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(50), at(10), at(40), at(20), at(30), at(60)), 20, 3);
        assertEquals(List.of(at(10), at(20), at(30)), lookup.next());
        lookup.onResponse(at(20).id(), List.of(at(70)));
        assertEquals(List.of(at(40), at(50), at(60), at(70)), lookup.next(), "no closer contact: ask the rest at once");
        assertEquals(6, lookup.inFlight());
    }

    @Test
    void aStalledLookupWithSpares_asksThatManyBeyondTheKClosest_butDoesNotWaitForThem() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(10), at(20), at(30), at(40), at(50), at(60)), 3, 1, 2);
        assertEquals(List.of(at(10)), lookup.next());
        lookup.onResponse(at(10).id(), List.of());
        assertEquals(List.of(at(20), at(30), at(40), at(50)), lookup.next(), "stalled: the k closest and 2 spares");
        assertTrue(lookup.next().isEmpty());
        lookup.onResponse(at(20).id(), List.of());
        lookup.onResponse(at(30).id(), List.of());
        assertTrue(lookup.isFinished(), "the spares lie beyond the k closest answered: they cannot change the result");
        assertEquals(List.of(at(10), at(20), at(30)), lookup.result().closest());
        assertEquals(5, lookup.result().messages());
    }

    @Test
    void aSpareThatAnswered_takesThePlaceOfOneOfTheKClosestThatFails_withNoFurtherQuery() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(10), at(20), at(30), at(40), at(50)), 3, 1, 1);
        lookup.next();
        lookup.onResponse(at(10).id(), List.of());
        assertEquals(List.of(at(20), at(30), at(40)), lookup.next());
        lookup.onResponse(at(30).id(), List.of());
        lookup.onResponse(at(40).id(), List.of());
        assertFalse(lookup.isFinished(), "20 may yet answer");
        lookup.onFailure(at(20).id());
        assertTrue(lookup.isFinished());
        assertTrue(lookup.next().isEmpty());
        assertEquals(List.of(at(10), at(30), at(40)), lookup.result().closest());
    }

    @Test
    void withoutTheBurst_aStalledLookupKeepsAlphaInFlightAmongTheKClosest_toTheEnd() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(50), at(10), at(40), at(20), at(30), at(60)), 5, 2, 2,
                false);
        assertEquals(List.of(at(10), at(20)), lookup.next());
        lookup.onResponse(at(20).id(), List.of(at(70)));
        assertEquals(List.of(at(30)), lookup.next(), "stalled, but still alpha at a time");
        assertTrue(lookup.next().isEmpty(), "waiting");
        lookup.onResponse(at(10).id(), List.of());
        lookup.onResponse(at(30).id(), List.of());
        assertEquals(List.of(at(40), at(50)), lookup.next());
        lookup.onResponse(at(40).id(), List.of());
        lookup.onResponse(at(50).id(), List.of());
        assertTrue(lookup.isFinished(), "the k closest answered; no spare beyond them was asked");
        assertEquals(List.of(at(10), at(20), at(30), at(40), at(50)), lookup.result().closest());
        assertEquals(5, lookup.result().messages());
    }

    @Test
    void theBurstIsAskedEachTime_soAStalledLookupBurstsOnlyWhileItsSupplierSaysSo() {
        boolean[] burst = {false};
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(50), at(10), at(40), at(20), at(30), at(60)), 5, 2, 1,
                () -> burst[0]);
        assertEquals(List.of(at(10), at(20)), lookup.next());
        lookup.onResponse(at(20).id(), List.of(at(70)));
        assertEquals(List.of(at(30)), lookup.next(), "stalled, no burst yet: alpha at a time");
        burst[0] = true;
        assertEquals(List.of(at(40), at(50), at(60)), lookup.next(), "now the rest of the k closest and a spare at once");
    }

    @Test
    void withoutSpares_aStalledLookupAsksOnlyTheKClosest() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(10), at(20), at(30), at(40), at(50)), 3, 1, 0);
        lookup.next();
        lookup.onResponse(at(10).id(), List.of());
        assertEquals(List.of(at(20), at(30)), lookup.next());
    }

    @Test
    void aStraggler_freesItsPlaceForTheNextContact_butTheLookupStillWaitsForItsAnswerOrFailure() {
        // k = 2, alpha = 1: 10 is asked, straggles; 20 is asked in its place
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(10), at(20), at(30)), 2, 1);
        assertEquals(List.of(at(10)), lookup.next());
        lookup.onSlow(at(10).id());
        assertEquals(0, lookup.inFlight());
        assertEquals(List.of(at(20)), lookup.next(), "the straggler's place goes to the next one");
        lookup.onResponse(at(20).id(), List.of());
        assertEquals(List.of(at(30)), lookup.next(), "10 holds no place among the k closest while it straggles");
        lookup.onResponse(at(30).id(), List.of());
        assertFalse(lookup.isFinished(), "a straggler may be a live node that is late: it is waited for");
        lookup.onResponse(at(10).id(), List.of());
        assertTrue(lookup.isFinished());
        assertEquals(List.of(at(10), at(20)), lookup.result().closest(), "its late answer counts");
    }

    @Test
    void aStragglerThatFails_isLeftOut() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(10), at(20), at(30)), 2, 1);
        lookup.next();
        lookup.onSlow(at(10).id());
        lookup.onResponse(lookup.next().get(0).id(), List.of());
        lookup.onResponse(lookup.next().get(0).id(), List.of());
        lookup.onFailure(at(10).id());
        assertTrue(lookup.isFinished());
        assertEquals(List.of(at(20), at(30)), lookup.result().closest());
        assertEquals(1, lookup.result().failures());
    }

    @Test
    void onResponse_addsCloserContactsWhichAreAskedNextAtOneHopMore() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(100)), 20, 1);
        assertEquals(List.of(at(100)), lookup.next());
        lookup.onResponse(at(100).id(), List.of(at(5), at(100), self));
        assertEquals(List.of(at(5)), lookup.next());
        lookup.onResponse(at(5).id(), List.of(at(1)));
        assertEquals(List.of(at(1)), lookup.next());
        lookup.onResponse(at(1).id(), List.of());
        assertTrue(lookup.isFinished());
        LookupResult r = lookup.result();
        assertEquals(List.of(at(1), at(5), at(100), self), r.closest());
        assertEquals(3, r.hops(), "seed (1) -> its referral (2) -> its referral (3)");
        assertEquals(3, r.messages());
        assertEquals(3, r.responses());
    }

    @Test
    void aContactAlreadyKnownKeepsItsSmallerDepth() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(100), at(3)), 20, 1);
        assertEquals(List.of(at(3)), lookup.next());
        lookup.onResponse(at(3).id(), List.of());
        assertEquals(List.of(at(100)), lookup.next());
        lookup.onResponse(at(100).id(), List.of(at(3)));
        assertTrue(lookup.isFinished());
        assertEquals(1, lookup.result().hops());
    }

    @Test
    void failedContactsNeverCountAndTheNextCandidateTakesTheirPlace() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(1), at(2), at(3)), 2, 3);
        assertEquals(List.of(at(1), at(2)), lookup.next(), "only the k = 2 closest can matter");
        lookup.onFailure(at(1).id());
        assertEquals(List.of(at(3)), lookup.next());
        lookup.onResponse(at(2).id(), List.of());
        lookup.onResponse(at(3).id(), List.of());
        assertTrue(lookup.isFinished());
        assertEquals(new LookupResult(List.of(at(2), at(3)), 1, 3, 2, 1), lookup.result());
    }

    @Test
    void whenEveryoneFailsTheLookupEndsWithItself() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(1), at(2)), 20, 3);
        for (Contact c : lookup.next()) lookup.onFailure(c.id());
        assertTrue(lookup.isFinished());
        assertEquals(List.of(self), lookup.result().closest());
        assertEquals(2, lookup.result().failures());
    }

    @Test
    void lateAndUnsolicitedAnswersAreOnlyCounted() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(10), at(20)), 20, 1);
        assertEquals(List.of(at(10)), lookup.next());
        lookup.onResponse(at(20).id(), List.of(at(1))); // not asked
        lookup.onResponse(Id.MAX, List.of(at(1)));       // a stranger
        lookup.onFailure(at(10).id());
        lookup.onResponse(at(10).id(), List.of(at(1))); // too late
        assertEquals(3, lookup.ignoredResponses());
        assertEquals(List.of(at(20)), lookup.next(), "nothing the ignored answers said was taken in");
        lookup.onResponse(at(20).id(), List.of());
        assertTrue(lookup.isFinished());
        assertEquals(List.of(at(20), self), lookup.result().closest());
    }

    @Test
    void onceFinishedItStaysFinished() {
        XorLookup lookup = new XorLookup(TARGET, self, List.of(at(1), at(2)), 1, 2);
        assertEquals(List.of(at(1)), lookup.next());
        lookup.onResponse(at(1).id(), List.of());
        assertTrue(lookup.isFinished());
        lookup.onResponse(at(2).id(), List.of(at(0)));
        assertTrue(lookup.isFinished());
        assertTrue(lookup.next().isEmpty());
    }

    @Test
    void theLocalNodeIsPartOfTheResultWhenItIsAmongTheClosest() {
        Contact me = at(2);
        XorLookup lookup = new XorLookup(TARGET, me, List.of(at(1), at(3)), 2, 3);
        for (Contact c : lookup.next()) lookup.onResponse(c.id(), List.of(me));
        assertTrue(lookup.isFinished());
        assertEquals(List.of(at(1), me), lookup.result().closest());
        assertFalse(lookup.result().closest().contains(at(3)));
    }

    @Test
    void constructor_rejectsBadParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new XorLookup(TARGET, self, List.of(), 20, 0));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> new XorLookup(TARGET, self, List.of(), 0, 3));
        e = assertThrows(IllegalArgumentException.class, () -> new XorLookup(TARGET, self, List.of(), 20, 3, -1));
        assertTrue(e.getMessage().contains("spares") && e.getMessage().contains("-1"));
    }
}
