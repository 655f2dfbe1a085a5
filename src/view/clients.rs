//! Producers and consumers that are one client program: a consumer whose
//! `same_client_as` names a producer (an RPC client that publishes the
//! requests and consumes the replies on one connection). Both nodes carry
//! the same tag, named after the producer, so the canvas shows one client
//! rather than two unrelated nodes.

use crate::i18n::Msg;
use crate::scenario::Scenario;

/// The client tag node `id` carries (`client: rpc client`), if it is part
/// of a client with another node.
pub fn client_tag(s: &Scenario, id: &str) -> Option<Msg> {
    let producer = match s.consumer(id) {
        Some(c) => s.producer(c.same_client_as.as_deref()?)?,
        None => s.producer(id).filter(|p| s.consumers.iter().any(|c| c.same_client_as.as_deref() == Some(&p.id)))?,
    };
    Some(msg!("view-client-tag", name = producer.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons;

    #[test]
    fn the_rpc_client_is_one_client_of_two_nodes() {
        let s = lessons::by_slug("rpc").unwrap().scenario;
        let tag = |id: &str| client_tag(&s, id).map(|m| m.english());
        assert_eq!(tag("client").as_deref(), Some("client: rpc client"));
        assert_eq!(tag("callback").as_deref(), Some("client: rpc client"));
        assert_eq!(client_tag(&s, "client").unwrap().render(crate::i18n::Lang::Zh), "客户端：rpc client");
        assert_eq!(client_tag(&s, "server"), None);
        assert_eq!(client_tag(&s, "rpc_queue"), None);
        let mut s = s;
        s.remove_node("client");
        assert_eq!(client_tag(&s, "callback"), None, "removing the producer ends the client");
        assert!(crate::scenario::parse::check(&s).is_ok());
    }

    #[test]
    fn a_client_must_name_a_producer() {
        let mut s = lessons::by_slug("rpc").unwrap().scenario;
        s.consumers[1].same_client_as = Some("server".into());
        let e = crate::scenario::parse::check(&s).unwrap_err();
        assert_eq!(e.to_string(), "at consumers[1].same_client_as: no producer node has the id 'server'");
    }
}
