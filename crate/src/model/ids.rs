//! Stable identifiers derived from content, so the same engagement seen twice
//! (a re-render, a second tab) always lands on the same record.

/// 64-bit FNV-1a: tiny, dependency-free and stable across platforms and
/// releases, which is what an id that is stored and exported needs. It is not
/// a security boundary; collisions only matter between one user's own records.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// An id for an interaction, made of the facts that make it "the same one".
pub fn interaction_id(parts: &[&str]) -> String {
    format!("i{:016x}", fnv1a(parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_facts_same_id_and_part_boundaries_matter() {
        assert_eq!(interaction_id(&["like", "x:alice"]), interaction_id(&["like", "x:alice"]));
        assert_ne!(interaction_id(&["ab", "c"]), interaction_id(&["a", "bc"]));
        assert_eq!(interaction_id(&["a"]).len(), 17);
    }

    #[test]
    fn ids_are_stable_across_releases() {
        // Stored and exported ids must never change meaning.
        assert_eq!(interaction_id(&[]), "icbf29ce484222325");
    }
}
