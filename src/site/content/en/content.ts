import type { SiteContent } from '../types.ts';

/** The public site in English: the reference every other language falls back to. */
export const en: SiteContent = {
  home: {
    lead: 'The Free Knowledge Trust supports the volunteers who write, photograph and correct the free encyclopedias and archives that millions of people read every day. We answer legal demands against their work, defend it in court, and publish what we are asked to remove.',
    speak: [
      'Everyone has the right to look for information, to receive it and to pass it on, whatever the border and whatever the medium. A free encyclopedia is that right at work: people who have never met check each other’s sources, argue on talk pages and leave the result open for anyone to read, copy and improve.',
      'That only works if contributors can write about powerful people, companies and governments without fearing a lawsuit for an accurate sentence, and if readers can reach the page without someone deciding for them that they should not.',
    ],
    expression: 'Every demand to remove or change content, every copyright notice and every request for information about our users is logged, evaluated by our legal team and counted. Most are refused: we remove content only when the law truly requires it or when the demand shows a real wrong that the community’s own rules would also correct.',
    users: 'Volunteers are not alone when a letter from a lawyer arrives. We explain what a demand means, find a lawyer in their country when one is needed, and in some cases pay for their defence. We also go to court ourselves, to protect the projects and the people who build them.',
    litigation: 'Cases we bring, defend or join, with their courts, status and dates.',
    voices: 'Contributors tell, in their own words, why they write and what it has cost them.',
    awareness: [
      'Surveys we commission each year ask people in many countries whether they have heard of the free encyclopedias, whether they use them and whether they trust them. The answers guide where we explain our work and where we look for partners.',
    ],
    battles: 'A few of the disputes that shaped how we work: some we won, one we lost, and one we settled on terms that leave the photographs free.',
    more: 'Five subjects run through almost everything we do.',
  },
  topics: {
    'access-to-knowledge': {
      title: 'Access to knowledge',
      summary: 'Knowledge that is free to read, reuse and share should reach everyone, on any connection, in their own language.',
      body: [
        'For many readers the encyclopedia is the first place they look and sometimes the only one they can afford. A student on a prepaid phone plan, a nurse checking a dosage between shifts, a retired teacher reading about the river that runs past her village: they all need pages that load quickly, cost little and do not watch them.',
        'Access is also legal. Public records, court rulings, statistics and the works of public bodies are the raw material of good articles. When they are locked behind fees, copyright claims or vague secrecy rules, contributors cannot cite them and readers cannot check what they read.',
        'We argue for open public information, for exceptions to copyright that let libraries, teachers and encyclopedias do their work, and for networks that treat a reader’s request for knowledge like any other.',
      ],
      actions: [
        'We ask public bodies to publish their records under open licences, and we go to court when a register that should be public is closed.',
        'We comment on draft laws about public information, in writing and in hearings.',
        'We keep our own pages light: no trackers, no third-party scripts, readable on the slowest connection.',
      ],
    },
    censorship: {
      title: 'Censorship',
      summary: 'Blocking a whole site to hide one article harms millions of readers; we resist it in the open.',
      body: [
        'Some governments order internet providers to block the encyclopedia, or one language edition of it, because of a few articles they dislike. Others pass laws that let officials demand the removal of content without a judge, on deadlines measured in hours.',
        'A block hides far more than the article it targets. Readers lose millions of pages about medicine, mathematics and their own history, and contributors inside the country lose their voice in the conversation about it.',
        'We do not negotiate the content of articles with governments. We publish every order we receive, we challenge orders in court where a court can hear us, and we help readers understand what was blocked and why.',
      ],
      actions: [
        'Every blocking or removal order we receive is counted in the transparency report.',
        'We bring or support challenges to blocking orders before national and regional courts.',
        'We explain to lawmakers why whole-site blocking is never a proportionate measure.',
      ],
    },
    copyright: {
      title: 'Copyright',
      summary: 'Copyright should reward creators without stopping people from sharing knowledge, facts and the public domain.',
      body: [
        'Everything on the projects is published under free licences, and contributors respect the copyright of others carefully. Most copyright notices we receive are about real problems that volunteers already fixed; some, though, claim works that are old enough to be in the public domain, or mere facts, or photographs of paintings centuries old.',
        'A notice is checked against the law and against the licence before anything is removed. When a notice is wrong, we say so and keep the work online. When the uploader disagrees with a removal, we help them send a counter-notice.',
        'We support laws that keep the public domain public, protect freedom of panorama and quotation, and do not force platforms to filter every upload automatically.',
      ],
      actions: [
        'Every copyright notice, granted or not, appears in our figures and in the notice database.',
        'We defend uploaders of public-domain works against claims of new rights over old works.',
        'We oppose automatic upload filters that cannot tell a quotation from a copy.',
      ],
    },
    'intermediary-liability': {
      title: 'Intermediary liability',
      summary: 'The host of a volunteer-written encyclopedia should not answer for every sentence as if it had written it.',
      body: [
        'The projects are written by their communities, not by the Trust. Laws in many countries recognise this: a host is not liable for what its users publish as long as it acts on real notice of something unlawful. That balance is what makes open, volunteer-run projects possible.',
        'When that protection is weakened, hosts are pushed to remove anything that draws a complaint, because keeping it becomes a legal risk. The result is fewer articles about the powerful and more about nothing at all.',
        'We defend the principle in court and in parliaments, and we show in our reports how carefully each notice is considered before anything is removed.',
      ],
      actions: [
        'We answer lawsuits that treat the host as the author of community content.',
        'We respond to consultations on platform regulation, with our own figures as evidence.',
        'We explain how community moderation works to courts and regulators who have not seen it.',
      ],
    },
    privacy: {
      title: 'Privacy',
      summary: 'Readers and contributors deserve to read and write without being watched or exposed.',
      body: [
        'We keep as little information about readers and contributors as we can, and for as short a time as we can. What we do not keep cannot be demanded, leaked or misused.',
        'When a government, a company or a private person asks us to reveal who a contributor is, we ask for a legal basis that would stand up in court, we narrow the demand where we can, and we tell the person concerned unless the law forbids it. Most such requests end with nothing disclosed.',
        'Privacy also protects the people articles are about. Private individuals are not public figures, and the communities’ own policies on biographies of living people are among the strictest on the web.',
      ],
      actions: [
        'Every request for user information and how we answered it is counted in the transparency report.',
        'We notify affected users before disclosure whenever the law allows us to.',
        'This site sets no cookies and loads nothing from anyone else.',
      ],
    },
  },
  cases: {
    'harbour-bank': {
      title: 'A bank against the article on its own history',
      court: 'Commercial Court of the Capital District',
      role: 'Defendant',
      summary: 'A regional bank sued the Trust over an article describing a fine it paid ten years ago, asking for the article’s removal and damages. The article cites the regulator’s own decision. We have filed our defence and asked the court to dismiss the claim as an attempt to silence accurate reporting.',
    },
    'registry-transparency': {
      title: 'Opening the register of public contracts',
      court: 'Administrative Court of Appeal',
      role: 'Claimant, with two journalists’ associations',
      summary: 'We asked a ministry to publish its register of public contracts so that contributors could cite it. The first court ordered most of the register opened; the ministry has appealed the part covering defence suppliers. A hearing on the appeal took place in September.',
    },
    'editor-identity': {
      title: 'A demand to unmask a volunteer editor',
      court: 'Civil Court, First Instance',
      role: 'Respondent',
      summary: 'A businessman asked the court to order us to reveal the identity of a volunteer who had edited his biography with well-sourced information. The court refused: the edits were accurate and in the public interest, and disclosure would have exposed the editor to retaliation. No data was handed over.',
    },
    'museum-photographs': {
      title: 'Photographs of public-domain paintings',
      court: 'Regional Court, Intellectual Property Chamber',
      role: 'Defendant, for the uploaders',
      summary: 'A museum claimed rights in photographs of paintings more than three hundred years old that volunteers had uploaded. The case was settled: the museum withdrew its claim for faithful reproductions of two-dimensional works, and the photographs remain free for everyone.',
    },
    'network-blocking': {
      title: 'A nationwide block of the encyclopedia',
      court: 'Constitutional Court',
      role: 'Intervener',
      summary: 'We joined readers and contributors in challenging an order that blocked the whole encyclopedia over two articles. The court upheld the order on procedural grounds without ruling on its proportionality. The block was lifted months later after the law changed; we continue to cite the case in our work against whole-site blocking.',
    },
  },
  stories: {
    'river-archive': {
      title: 'The river in the archive',
      byline: 'Amara, a photographer in a delta town',
      quote: 'When the floods came, the only pictures of the old quay were the ones I had uploaded.',
      body: [
        'Amara began by photographing the buildings along the river for a local history article. Over six years she uploaded more than two thousand pictures, each with a description and the date.',
        'When a company that had bought the waterfront objected to photographs of its warehouses, she received a letter threatening legal action. The Trust explained to the company that photographing buildings from a public street is lawful in her country, and the letter was not followed up.',
      ],
    },
    'medicine-translations': {
      title: 'Translating medicine',
      byline: 'Daniel, a retired nurse who translates health articles',
      quote: 'A clear article in your own language can be the difference between panic and a plan.',
      body: [
        'Daniel translates articles on common illnesses into the language his neighbours speak at home. He checks every dose and every figure against the sources, and asks doctors in the community to review his work.',
        'He says the hardest part is not the vocabulary but keeping the articles up to date. He now leads a small group that reviews the most-read health pages every month.',
      ],
    },
    'local-history': {
      title: 'Writing the history nobody wrote',
      byline: 'Youssef, a teacher and editor',
      quote: 'My students now check the sources of what they read. That is the best lesson I have given.',
      body: [
        'Youssef writes about the villages of his region, using parish registers, old newspapers and interviews published by a local university. Some of his articles describe disputes over land that are still sensitive.',
        'When a local official demanded that one article be removed, the Trust’s legal team reviewed it line by line and found every statement sourced. The article stayed, and Youssef added a section on the official’s own public statements.',
      ],
    },
  },
};
