//! A request's texts and lists, gathered and checked against the caps
//! (`Request::check_sizes`).

use super::*;

/// The texts of a request, gathered for `Request::check_sizes`; lists are
/// checked against their caps as they are gathered.
#[derive(Default)]
pub(super) struct Fields<'a> {
    pub(super) texts: Vec<&'a str>,
    pub(super) options: Vec<&'a Option<String>>,
}

impl<'a> Fields<'a> {
    pub(super) fn click(&mut self, facts: &'a ClickFacts) -> Result<(), String> {
        self.texts.extend([facts.control.as_str(), facts.title.as_str()]);
        self.options.extend([&facts.self_href, &facts.profile_name, &facts.event]);
        for state in [&facts.before, &facts.after] {
            self.options.extend([&state.testid, &state.pressed, &state.checked, &state.label]);
        }
        if let Some(person) = &facts.person {
            if person.links.len() > MAX_PERSON_LINKS {
                return Err(format!("at most {MAX_PERSON_LINKS} links of a person"));
            }
            self.texts.push(&person.marker);
            self.texts.extend(person.links.iter().map(String::as_str));
        }
        for post in facts.post.iter().chain(facts.reply_to.iter()) {
            self.options.extend([&post.author_href, &post.author_name, &post.permalink, &post.text]);
            self.attributes(&post.attributes, "a post")?;
        }
        Ok(())
    }

    pub(super) fn notification(&mut self, item: &'a InboundItem) -> Result<(), String> {
        if item.actors.len() > MAX_ACTORS {
            return Err(format!("at most {MAX_ACTORS} people in one notification"));
        }
        self.texts.push(&item.marker);
        self.options.extend([&item.label, &item.href, &item.permalink, &item.time, &item.icon]);
        self.attributes(&item.attributes, "a notification")?;
        for context in item.parent.iter().chain(item.root.iter()) {
            self.attributes(&context.attributes, "a notification")?;
            self.options.push(&context.permalink);
        }
        let authors = item.parent.iter().chain(item.root.iter()).filter_map(|c| c.author.as_ref());
        for actor in item.actors.iter().chain(authors) {
            self.options.extend([&actor.href, &actor.name, &actor.label]);
        }
        Ok(())
    }

    fn attributes(
        &mut self,
        attributes: &'a std::collections::BTreeMap<String, String>,
        of: &str,
    ) -> Result<(), String> {
        if attributes.len() > MAX_POST_ATTRIBUTES {
            return Err(format!("at most {MAX_POST_ATTRIBUTES} attributes of {of}"));
        }
        self.texts.extend(attributes.iter().flat_map(|(name, value)| [name.as_str(), value.as_str()]));
        Ok(())
    }

    pub(super) fn person_change(&mut self, change: &'a PersonChange) -> Result<(), String> {
        match change {
            PersonChange::Raised { phrasing: text, .. }
            | PersonChange::Met { note: text, .. }
            | PersonChange::AskAbout { text, .. }
            | PersonChange::Note { text }
            | PersonChange::RemoveReachedOut { interaction: text }
            | PersonChange::NotSame { other: text } => self.texts.push(text),
            PersonChange::ReachedOut { kind, .. } if !crate::model::Kind::BY_HAND.contains(kind) => {
                return Err(format!("\"{}\" is not something to enter by hand", kind.id()));
            }
            PersonChange::Tags { tags } => {
                if tags.len() > crate::model::MAX_TAGS {
                    return Err(format!("at most {} tags", crate::model::MAX_TAGS));
                }
                self.texts.extend(tags.iter().map(String::as_str));
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn settings(&mut self, settings: &'a Settings) -> Result<(), String> {
        let pacing = &settings.pacing;
        let lists = [
            settings.mastodon_instances.len(),
            settings.collapsed_sites.len(),
            settings.sites_off.len(),
            pacing.coffee_phrases.len(),
            pacing.call_phrases.len(),
        ];
        if lists.into_iter().any(|n| n > MAX_LIST) {
            return Err(format!("at most {MAX_LIST} items in a list of settings"));
        }
        let phrases = pacing.coffee_phrases.iter().chain(&pacing.call_phrases);
        self.texts.extend(settings.mastodon_instances.iter().chain(phrases).map(String::as_str));
        Ok(())
    }

    pub(super) fn check(self) -> Result<(), String> {
        let too_long = |field: &&Option<String>| field.as_ref().is_some_and(|s| s.len() > MAX_FIELD);
        if self.texts.iter().any(|t| t.len() > MAX_FIELD) || self.options.iter().any(too_long) {
            return Err(format!("a field is longer than {MAX_FIELD} bytes"));
        }
        Ok(())
    }
}
