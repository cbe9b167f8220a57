package fastrss

// canonicalPrefix is the prefix gofeed files elements of a namespace
// under whatever prefix the feed declares (its list, from feedparser), or
// "" for a namespace it does not know.
func canonicalPrefix(uri string) string {
	switch uri {
	case "http://www.w3.org/2005/Atom":
		return "atom"
	case "http://purl.org/atom/ns#":
		return "atom03"
	case "http://webns.net/mvcb/":
		return "admin"
	case "http://purl.org/rss/1.0/modules/aggregation/":
		return "ag"
	case "http://purl.org/rss/1.0/modules/annotate/":
		return "annotate"
	case "http://media.tangent.org/rss/1.0/":
		return "audio"
	case "http://backend.userland.com/blogChannelModule":
		return "blogChannel"
	case "http://creativecommons.org/ns#license", "http://web.resource.org/cc/":
		return "cc"
	case "http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html", "http://backend.userland.com/creativeCommonsRssModule":
		return "creativeCommons"
	case "http://purl.org/rss/1.0/modules/company":
		return "co"
	case "http://purl.org/rss/1.0/modules/content/":
		return "content"
	case "http://my.theinfo.org/changed/1.0/rss/":
		return "cp"
	case "http://purl.org/dc/elements/1.1/":
		return "dc"
	case "http://purl.org/dc/terms/":
		return "dcterms"
	case "http://purl.org/rss/1.0/modules/email/":
		return "email"
	case "http://purl.org/rss/1.0/modules/event/":
		return "ev"
	case "http://rssnamespace.org/feedburner/ext/1.0":
		return "feedburner"
	case "http://freshmeat.net/rss/fm/":
		return "fm"
	case "http://xmlns.com/foaf/0.1/":
		return "foaf"
	case "http://www.w3.org/2003/01/geo/wgs84_pos#":
		return "geo"
	case "http://www.georss.org/georss":
		return "georss"
	case "http://www.opengis.net/gml":
		return "gml"
	case "http://postneo.com/icbm/":
		return "icbm"
	case "http://purl.org/rss/1.0/modules/image/":
		return "image"
	case "http://www.itunes.com/DTDs/PodCast-1.0.dtd", "http://example.com/DTDs/PodCast-1.0.dtd":
		return "itunes"
	case "http://purl.org/rss/1.0/modules/link/":
		return "l"
	case "http://search.yahoo.com/mrss", "http://search.yahoo.com/mrss/":
		return "media"
	case "http://madskills.com/public/xml/rss/module/pingback/":
		return "pingback"
	case "http://prismstandard.org/namespaces/1.2/basic/":
		return "prism"
	case "http://www.w3.org/1999/02/22-rdf-syntax-ns#":
		return "rdf"
	case "http://www.w3.org/2000/01/rdf-schema#":
		return "rdfs"
	case "http://purl.org/rss/1.0/modules/reference/":
		return "ref"
	case "http://purl.org/rss/1.0/modules/richequiv/":
		return "reqv"
	case "http://purl.org/rss/1.0/modules/search/":
		return "search"
	case "http://purl.org/rss/1.0/modules/slash/":
		return "slash"
	case "http://schemas.xmlsoap.org/soap/envelope/":
		return "soap"
	case "http://purl.org/rss/1.0/modules/servicestatus/":
		return "ss"
	case "http://hacks.benhammersley.com/rss/streaming/":
		return "str"
	case "http://purl.org/rss/1.0/modules/subscription/":
		return "sub"
	case "http://purl.org/rss/1.0/modules/syndication/":
		return "sy"
	case "http://schemas.pocketsoap.com/rss/myDescModule/":
		return "szf"
	case "http://purl.org/rss/1.0/modules/taxonomy/":
		return "taxo"
	case "http://purl.org/rss/1.0/modules/threading/":
		return "thr"
	case "http://purl.org/rss/1.0/modules/textinput/":
		return "ti"
	case "http://madskills.com/public/xml/rss/module/trackback/":
		return "trackback"
	case "http://wellformedweb.org/commentAPI/":
		return "wfw"
	case "http://purl.org/rss/1.0/modules/wiki/":
		return "wiki"
	case "http://www.w3.org/1999/xhtml":
		return "xhtml"
	case "http://www.w3.org/1999/xlink":
		return "xlink"
	case "http://www.w3.org/XML/1998/namespace":
		return "xml"
	case "http://podlove.org/simple-chapters":
		return "psc"
	}
	return ""
}
