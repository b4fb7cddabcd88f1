// The explainable first layer of injection scanning: weighted patterns, one row per pattern,
// grouped by the rule name a finding reports. Patterns run on the sanitiser's scan view (NFKC,
// lowercase, confusables folded), so they are written in lowercase ASCII where the language allows.
// Every pattern is linear in practice: bounded gaps ([^.\n]{0,N}), no nested quantifiers.
// Scores are per source: an instruction addressed to the assistant is ordinary in a user's prompt
// and an attack inside a retrieved document (BIPIA's indirect injections).
import type { GuardSource } from '../types.js';

export type RuleName =
  | 'override'            // ignore/disregard previous instructions
  | 'new-instructions'    // "new instructions:", "from now on you will", "your real task is"
  | 'role-hijack'         // DAN, developer mode, "you are now", no restrictions
  | 'exfiltration'        // reveal the system prompt, repeat the text above, send data to a URL
  | 'fake-turn'           // chat-template tokens and role headers inside text
  | 'addressed-to-assistant'; // instructions to the AI inside data

export interface InjectionRule {
  readonly rule: RuleName;
  /** A short label for the pattern (docs and tests; not in the output contract). */
  readonly id: string;
  readonly re: RegExp;
  readonly score: { readonly user: number; readonly retrieved: number };
  /**
   * Evidence the match is not asked for: tested on the text just before the match (NOT_AFTER_WINDOW
   * characters, ending where the match starts); when it matches, the match does not count.
   */
  readonly notAfter?: RegExp;
}

/** How much text before a match a rule's `notAfter` sees. */
export const NOT_AFTER_WINDOW = 60;

const both = (s: number): { user: number; retrieved: number } => ({ user: s, retrieved: s });
const INSTR = '(?:instructions?|prompts?|directions?|directives?|rules|guidelines|commands?|orders|context|constraints|programming|restrictions|guardrails|policies|filters|messages?|training|content polic(?:y|ies)|safety (?:rules|guidelines|measures))';
const IGNORE = '(?:ignore|ignoring|disregard|forget|forgetting|skip|bypass|override|overlook|neglect|abandon|discard|set aside|throw out|pay no (?:attention|heed) to|do not (?:follow|obey)|don\'t (?:follow|obey)|stop following|no longer follow)';
const PRIOR = '(?:previous|prior|above|earlier|preceding|former|original|initial|old|all|any|every|your|system|developer|those|these|the foregoing|openai|anthropic)';
// An override or exfiltration verb that is forbidden or described, not asked for: right after a
// negation ("employees must not ignore safety instructions", "never disregard these instructions")
// or as what a flaw lets an attacker do ("allows a remote attacker to leak the API key", "attackers
// could override the system prompt"), the ordinary sense of policies and security advisories in
// retrieved documents (bench/gen/injection-documents.ts). Tested on the text before the match.
const FORBIDDEN_OR_DESCRIBED = /(?:(?:\bnot|n't|\bnever|\bcannot)|\b(?:allows?|allowed|allowing|enables?|enabled|enabling|permits?|permitted|permitting)\s+(?:[\w'-]+\s+){1,4}to|\blets(?:\s+[\w'-]+){1,4}|\b(?:attackers?|adversar(?:y|ies)|hackers?|intruders?)\s+(?:could|can|may|might|would|will|to))\s+$/;

// The same, or a verb read as a noun ("report them via email at …", "an e-mail to …").
const FORBIDDEN_DESCRIBED_OR_NOUN = new RegExp(`${FORBIDDEN_OR_DESCRIBED.source}|\\b(?:via|by|per|through|an?)\\s+$`);

// Harmful requests, for the rules that need one beside a persona or a story (bounded words, no
// nesting). Categories, not phrasings: weapons and explosives, drugs, poisons and toxic gases,
// intrusion (accounts, passwords, Wi-Fi, locks, safes, floods, payloads), malware, fraud and forged
// papers, money laundering and theft, stalking and covert tracking, grooming, evading police tests.
const HARM = '(?:bombs?|explosives?|napalm|thermite|detonat\\w*|meth(?:amphetamine)?|fentanyl|cocaine|heroin|ricin|sarin|anthrax|toxic (?:gas|fumes)|poison(?:ing)? (?:someone|a person|people|him|her|them|a city|the water)|poisonous gas|nerve agents?|malware|ransomware|keyloggers?|spyware|rootkits?|botnets?|phishing|launder(?:ing)? (?:money|cash|\\$)|money laundering|steal(?:ing)? (?:a car|cars|money|passwords|identities|from|credit)|hack(?:ing)? into|hotwir(?:e|ing)|forg(?:e|ed|ing) (?:a |an )?(?:passports?|documents?|signatures?|checks?|cheques?|ids?)|counterfeit|fake (?:passports?|ids?|id cards?|driver.?s licen[cs]es?|doctor.?s notes?|documents?)|untraceable (?:guns?|weapons?|firearms?)|(?:3d-?print(?:ed|ing)?|homemade|home-?made|ghost) (?:guns?|firearms?|weapons?)|pipe bombs?|overdose|kill (?:someone|a person|people|him|her|my)|smuggl(?:e|ing) (?:drugs|weapons|people|contraband)|(?:computer )?viruses? (?:that|to)|skim(?:ming)? credit cards|break(?:ing)? into (?:a |an |someone|my neighbou?r)|pick(?:ing)? (?:a |the )?locks?|bump(?:ing)? (?:a |the )?(?:dead)?(?:bolt|lock)|(?:open|crack)(?:ing)? (?:a |the )?safe|crack(?:ing)? (?:the |a |my neighbou?r.?s )?(?:wpa2? |wi-?fi |wifi )?passwords?|brute-?forc\\w*|sql injection payloads?|(?:floods?|ddos|take down|takes down|took down) (?:a |the |that )?(?:\\w+.?s )?(?:website|site|server|network|login)|(?:get|break|getting|breaking) into (?:someone|somebody|other people|my (?:ex|neighbou?r|boss))|without (?:being caught|a background check|(?:her|him|them) (?:knowing|finding out|noticing))|track(?:ing)? (?:someone|somebody|my ex|her|his|their)\\S* (?:phone|location|car)|stalk(?:ing)? (?:someone|somebody|people|her|him|them|my )|spy(?:ing)? on (?:someone|somebody|people|her|him|them|my (?:wife|husband|partner|girlfriend|boyfriend|ex|boss|neighbou?r|employees?|kids?))|private photos|(?:cheat|beat|fool)(?:ing)? (?:a |the )?breathal[yi][sz]er|water supply)';

export const RULES: readonly InjectionRule[] = [
  // override
  { rule: 'override', id: 'ignore-previous', re: new RegExp(`\\b${IGNORE}\\b[^.\\n]{0,24}?\\b${PRIOR}\\b[^.\\n]{0,30}?\\b${INSTR}`, 'g'), score: both(0.9), notAfter: FORBIDDEN_OR_DESCRIBED },
  { rule: 'override', id: 'ignore-everything', re: new RegExp(`\\b(?:ignore|disregard|forget)\\b (?:everything|all(?: of)? (?:that|this|the above))(?: (?:above|before|you (?:were|have been) told|said|i said))?`, 'g'), score: both(0.75) },
  { rule: 'override', id: 'instructions-void', re: new RegExp(`\\b${PRIOR} ${INSTR} (?:are|is|were|have been) (?:now )?(?:void|cancell?ed|revoked|obsolete|null|invalid|overridden|no longer (?:valid|apply|applicable|in effect))`, 'g'), score: both(0.85) },
  { rule: 'override', id: 'multilingual', re: /\b(?:ignora|ignorar|olvida|ignore[zr]?|oublie[zr]?|ignoriere|ignorieren|vergiss|vergessen|ignorare|dimentica|esqueca|esqueça)\b[^.\n]{0,30}?\b(?:instrucciones|instructions|anweisungen|instruktionen|istruzioni|instrucoes|regeln|reglas|regles|consignes|vorgaben)\b/g, score: both(0.9), notAfter: FORBIDDEN_OR_DESCRIBED },
  { rule: 'override', id: 'multilingual-ru', re: /(?:игнорируй|игнорировать|забудь|проигнорируй)[^.\n]{0,30}?(?:инструкци|указани|правил)/g, score: both(0.9) },
  { rule: 'override', id: 'multilingual-cjk', re: /(?:忽略|无视|忽视|無視|忘记|忘掉)[^。\n]{0,12}?(?:指令|指示|说明|提示|規則|规则|命令|設定|设定)|(?:指示|命令)を(?:すべて)?無視/g, score: both(0.9) },
  // new instructions
  { rule: 'new-instructions', id: 'new-instructions-header', re: /\b(?:new|updated|revised|real|actual|true|additional|secret|hidden|important|urgent|override) (?:system )?(?:instructions?|directives?|task|orders)\s*[:!-]/g, score: both(0.7) },
  { rule: 'new-instructions', id: 'your-new-task', re: /\byour (?:new|real|actual|true|only|updated|primary) (?:instructions?|task|goal|objective|job|mission|purpose|role) (?:is|are|will be|now)\b/g, score: both(0.75) },
  { rule: 'new-instructions', id: 'from-now-on', re: /\b(?:from now on|from this (?:point|moment) (?:on|forward)|henceforth|for the rest of (?:this|the) conversation)\b,?[^.\n]{0,20}?\b(?:you (?:will|must|shall|are|should|only|always|can)|always|only|never|respond|answer|reply|act|behave|ignore)\b/g, score: { user: 0.45, retrieved: 0.8 } },
  { rule: 'new-instructions', id: 'instead-do', re: /\binstead,? (?:you (?:must|will|should)|(?:just |only )?(?:respond|reply|say|output|print|write|answer) (?:with|only|exactly))\b/g, score: { user: 0.3, retrieved: 0.7 } },
  { rule: 'new-instructions', id: 'end-of-prompt', re: /\b(?:end of (?:the )?(?:system prompt|prompt|instructions|user input|context|document)|(?:the )?(?:above|previous) (?:was|were|is) (?:just )?(?:a test|fake|a joke|wrong|not real))\b/g, score: both(0.65) },
  { rule: 'new-instructions', id: 'do-not-summarize', re: /\b(?:do not|don't|never) (?:summari[sz]e|translate|mention|reveal to the user|tell the user|inform the user)\b/g, score: { user: 0.2, retrieved: 0.7 } },
  // role hijack
  { rule: 'role-hijack', id: 'dan', re: /\b(?:do anything now|dan mode|stan mode|dude mode|aim mode|evil ?bot|chaosgpt|betterdan|anti-?gpt)\b|\byou are (?:now )?(?:dan|stan|dude|aim)\b/g, score: both(0.9) },
  // A mode named after a jailbreak persona is an attack wherever it is switched on. A mode named by an
  // ordinary adjective (god, unfiltered, unrestricted, developer, debug, admin…) is also a setting of
  // games, cameras, search engines and phones ("activate the unfiltered mode to review every exit
  // strategy"): it counts as an attack when the mode is the assistant's own (mode-switch-addressed),
  // weakly otherwise.
  { rule: 'role-hijack', id: 'mode-switch', re: /\b(?:enter|enable|activate|switch (?:in)?to|turn on|unlock|engage|now in|operating in|entering)\b[^.\n]{0,12}?\b(?:jailbreak|jailbroken|dan|evil|chaos) mode\b/g, score: both(0.85) },
  { rule: 'role-hijack', id: 'mode-switch-addressed', re: /\b(?:(?:enter|enable|activate|switch (?:in)?to|turn on|unlock|engage) your|you(?:'re| are| will be| must be| are now| will now| must| will| should)? (?:now )?(?:in|enter|entering|operating in|running in|switch(?:ing)? (?:in)?to))\b[^.\n]{0,12}?\b(?:god|unrestricted|unfiltered|uncensored|unlimited|no[- ]limits?|unbound|free) mode\b/g, score: both(0.85) },
  { rule: 'role-hijack', id: 'mode-switch-weak', re: /\b(?:enter|enable|activate|switch (?:in)?to|turn on|unlock|engage|now in|operating in|entering)\b[^.\n]{0,12}?\b(?:god|unrestricted|unfiltered|uncensored|unlimited|no[- ]limits?|developer|dev|debug|admin|administrator|root|sudo|maintenance|test) mode\b/g, score: { user: 0.25, retrieved: 0.4 } },
  { rule: 'role-hijack', id: 'you-are-now', re: /\byou are (?:now|no longer)\b[^.\n]{0,40}?\b(?:ai|assistant|model|chatbot|bot|gpt|bound|restricted|limited|filtered|free|unrestricted|unfiltered|uncensored|evil|jailbroken|liberated|without)\b/g, score: both(0.7) },
  { rule: 'role-hijack', id: 'no-restrictions', re: /\b(?:without|free (?:of|from)|no|zero|not bound by|ignore (?:all|any|your)|don't have|do not have|have no|has no|with no|beyond) (?:any )?(?:ethical|moral|content|safety|usage|openai|anthropic)? ?(?:restrictions|limitations|limits|filters|guidelines|rules|censorship|constraints|boundaries|principles|ethics|morals)\b/g, score: both(0.35) },
  { rule: 'role-hijack', id: 'unfiltered-ai', re: /\b(?:unfiltered|uncensored|unrestricted|amoral|unethical|jailbroken|evil|rogue|unaligned|unbound)\b (?:ai|assistant|chatbot|model|bot|persona|llm)\b/g, score: both(0.6) },
  { rule: 'role-hijack', id: 'pretend-ai', re: /\b(?:pretend|imagine|act as if|roleplay|role-play|simulate)\b[^.\n]{0,30}?\b(?:you (?:are|were|have)|to be)\b[^.\n]{0,30}?\b(?:no (?:rules|restrictions|limits|filters|guidelines)|(?:an? )?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|amoral) (?:ai|assistant|model|chatbot|bot|llm|version of (?:yourself|you\b|chatgpt|the assistant))|not an ai|not bound by|free from (?:all |any )?(?:rules|restrictions|guidelines|filters)|without (?:any )?(?:rules|restrictions|limits|filters|guidelines|ethics))/g, score: both(0.85) },
  // The "grandma exploit": a relative, often a late one, who used to tell how to do something harmful,
  // asked to be played again. A relative alone or a harmless skill ("how to bake bread") is not it.
  { rule: 'role-hijack', id: 'relative-harm', re: new RegExp(`\\b(?:grand(?:ma|mother|pa|father|dad)|nana|granny|(?:late|deceased|dead|departed) (?:mother|mum|mom|father|dad|uncle|aunt|nan|great-aunt))\\b[^\\n]{0,200}?\\b(?:how to|how (?:she|he) (?:made|did)|step by step)\\b[^\\n]{0,80}?\\b${HARM}`, 'g'), score: both(0.6) },
  { rule: 'role-hijack', id: 'stay-in-character', re: /\b(?:stay in character|never break character|don't break character|do not break character|remain in character)\b/g, score: both(0.45) },
  { rule: 'role-hijack', id: 'never-refuse', re: /\b(?:never|must not|cannot|can't|will not|won't|do not|don't) (?:refuse|decline|say no|reject)\b|\b(?:always|must) (?:comply|answer every|obey)\b|\bwithout (?:any )?(?:refusals?|warnings?|disclaimers?)\b/g, score: both(0.45) },
  { rule: 'role-hijack', id: 'jailbreak-word', re: /\bjailbr(?:eak|oken)\b/g, score: both(0.25) },
  // Asking for an answer in a disguise chosen so that a filter will not see it (token smuggling).
  { rule: 'role-hijack', id: 'filter-evasion', re: /\bso (?:that )?(?:the |your |my |their |any )?(?:filters?|moderation|safety (?:system|filter|layer|team|checks?)|content (?:filter|policy|moderation)|censors?|guardrails?|monitors?|monitoring|classifiers?|detectors?) (?:does not|doesn't|won't|will not|can't|cannot|can not|wouldn't|do not|don't|never) (?:notice|catch|see|read|detect|flag|block|understand|trigger|pick (?:it|this|them) up)\b|\bso (?:it|this|that) (?:doesn't|does not|won't|will not) count as (?:revealing|breaking|violating|sharing)\b/g, score: both(0.6) },
  // "Suppose your content policy had been switched off": the assistant's own limits, imagined away.
  { rule: 'role-hijack', id: 'limits-imagined-off', re: /\b(?:suppose|imagine|pretend|let'?s say|what if|assume|if)\b[^.\n]{0,30}?\byour (?:content polic(?:y|ies)|safety (?:training|rules|guidelines|filters?|layer)|guidelines|rules|restrictions|filters?|guardrails|programming|alignment|training)\b[^.\n]{0,24}?\b(?:switched off|turned off|removed|disabled|deleted|gone|lifted|suspended|never (?:been )?written|(?:didn't|did not|don't|do not) exist)\b/g, score: both(0.75) },
  // exfiltration
  { rule: 'exfiltration', id: 'reveal-prompt', re: /\b(?:reveal|show|print|output|display|repeat|recite|tell me|give me|share|leak|disclose|dump|write out|type out|spell out|list|paste|return|what (?:is|are|was|were))\b[^.\n?]{0,20}?\b(?:your|the|its) (?:(?:full|entire|complete|exact|original|initial|hidden|secret|internal|underlying|real|first|confidential|verbatim) )*(?:system prompt|system message|system instructions|initial (?:prompt|instructions)|pre-?prompt|hidden (?:prompt|instructions)|developer (?:message|prompt|instructions)|instructions you (?:were|have been) given|configuration|prompt)\b/g, score: both(0.8), notAfter: FORBIDDEN_OR_DESCRIBED },
  { rule: 'exfiltration', id: 'text-above', re: /\b(?:repeat|print|output|copy|echo|reproduce|return|show)\b[^.\n]{0,20}?\b(?:everything|all(?: the)? (?:text|words|content)|the (?:text|words|content|conversation)|the (?:first|previous) (?:\d+ )?(?:lines|words|messages|sentences))\b[^.\n]{0,12}?\b(?:above|before this|so far|preceding|prior|that came before|verbatim)\b/g, score: both(0.8) },
  // Not the reader asked to get in touch or pointed at a service: "send email to security@…", "report
  // them via email at …" (SECURITY.md), "forward logs to [Axiom](https://…)" (a markdown link names a
  // product). Those fired on 5 of 2,538 real held-out documents and on no attack in any labelled set.
  { rule: 'exfiltration', id: 'send-data', re: /\b(?:send|post|forward|upload|transmit|exfiltrate|email|e-mail|leak)\b(?!\s+(?:(?:an?|us|them|me)\s+)?(?:e-?mails?|mail|messages?|notes?|reports?|feedback|a line)\s+(?:to|at)\b)[^.\n]{0,50}?\b(?:to|at|into)\b[^\n[\]]{0,10}?(?:https?:\/\/|www\.|[a-z0-9._-]+@[a-z0-9-]+\.[a-z]{2,}\b)/g, score: { user: 0.35, retrieved: 0.75 }, notAfter: FORBIDDEN_DESCRIBED_OR_NOUN },
  { rule: 'exfiltration', id: 'secrets', re: /\b(?:reveal|share|send|give|tell|print|output|leak|disclose|include)\b[^.\n]{0,30}?\b(?:(?:the|your|user'?s?|their|all) )(?:api keys?|passwords?|credentials|secret keys?|access tokens?|private keys?|session (?:tokens?|cookies?)|credit card (?:numbers?|details)|conversation history|chat history|previous messages)\b/g, score: { user: 0.4, retrieved: 0.8 }, notAfter: FORBIDDEN_OR_DESCRIBED },
  // An image whose query carries a slot for the data ({conversation}, [user_data], <secret>)
  // or names what it carries: a beacon. A query of settings (README badges: `?branch=main`,
  // `?style=flat`, codecov's `?token=…`) is not; badges flagged ~2.4% of real README and docs chunks
  // (bench/guard-benign.ts, both halves).
  { rule: 'exfiltration', id: 'markdown-beacon', re: /!\[[^\]\n]{0,100}\]\(\s*https?:\/\/[^)\s?]{1,200}\?[^)\s]{0,240}?(?:[{[<]|\b(?:secret|conversation|chat|prompt|history|password|credential|api_?key|user_?data|context|memory|summary)\b)[^)\s]{0,200}\)/g, score: { user: 0.3, retrieved: 0.6 } },
  // fake turns and chat-template tokens
  // `</s>` is Llama's end-of-sequence token, and also HTML strikethrough closing a `<s>` on its line.
  { rule: 'fake-turn', id: 'template-token', re: /<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_text|eom_id|fim_prefix|fim_suffix|channel|message|end|start|return|tool|ipython)\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:start_of_turn|end_of_turn)>|(?<!<s>[^<\n]{0,200})<\/s>/g, score: both(0.95) },
  { rule: 'fake-turn', id: 'role-header', re: /(?:^|\n)[ \t]*(?:#{2,}|\*\*|\[|<)\s*(?:system|assistant|instruction|instructions|developer|admin|response)\s*(?:message|prompt)?\s*(?:\]|>|\*\*|:)/g, score: { user: 0.7, retrieved: 0.85 } },
  { rule: 'fake-turn', id: 'role-line', re: /(?:^|\n)[ \t]*(?:system|assistant|ai|chatgpt|gpt|developer)\s*:\s*\S/g, score: { user: 0.35, retrieved: 0.55 } },
  { rule: 'fake-turn', id: 'system-tag', re: /<\/?(?:system|sys|system_prompt|instructions?|admin|developer)>|\{\{\s*system\s*\}\}|\((?:system|admin) (?:message|note|override)\)|\[(?:system|admin) (?:message|note|override)\]/g, score: both(0.7) },
  // instructions addressed to the assistant inside data
  { rule: 'addressed-to-assistant', id: 'note-to-ai', re: /\b(?:note|message|instructions?|attention|notice|memo|reminder|hey|hi|hello|dear|important|p\.?s\.?) (?:to|for)? ?(?:the )?(?:ai|a\.i\.|assistant|ai assistant|chatbot|language model|llm|gpt|chatgpt|claude|gemini|copilot|bot|model|agent)\b\s*[:,!-]/g, score: { user: 0.4, retrieved: 0.85 } },
  // AI systems addressed as a group or by their job inside data: "Note for AI code assistants:",
  // "Instructions for automated reviewing systems:", "To any AI reading reviews…", "language models
  // summarising this page should…". Writing about AI ("this site uses AI-assisted search") is not it.
  { rule: 'addressed-to-assistant', id: 'ai-addressee', re: /\b(?:note|message|instructions?|attention|notice|memo|reminder|important|warning|p\.?s\.?) (?:to|for) (?:any |all |the )?(?:automated|ai|a\.i\.|llm|language model|gpt)(?: [a-z-]+){0,2}? (?:assistants?|agents?|models?|tools?|systems?|bots?|reviewers?|readers?|screeners?|crawlers?)\s*[:,!-]|\b(?:to |for )?(?:any|all|every) (?:ai|a\.i\.|llm|language model|ai assistant|ai agent|ai model|chatbot|assistant)s? (?:reading|processing|summari[sz]ing|analy[sz]ing|parsing|indexing|scraping|crawling|reviewing|screening)\b|\b(?:ai|llm|language model|ai assistant|ai agent|ai model|chatbot)s? (?:summari[sz]ing|reading|processing|analy[sz]ing|triaging|screening|indexing|reviewing) (?:this|these|the)\b[^.\n]{0,60}?\b(?:should|must|need to|are to|have to|will)\b/g, score: { user: 0.3, retrieved: 0.75 } },
  { rule: 'addressed-to-assistant', id: 'if-you-are-ai', re: /\b(?:if you are|as|since you are|you,?) an? (?:ai|language model|llm|assistant|ai assistant|chatbot|large language model|ai model)\b[^.\n]{0,12}?(?:reading|processing|summari[sz]ing|analy[sz]ing|you (?:must|should|will|need)|,)/g, score: { user: 0.3, retrieved: 0.8 } },
  { rule: 'addressed-to-assistant', id: 'when-summarizing', re: /\bwhen (?:you )?(?:summari[sz]e|summari[sz]ing|answering|responding|replying|processing|reading|translating|asked about) (?:this|the)\b[^.\n]{0,40}?\b(?:you (?:must|should|will)|always|make sure|be sure|include|say|tell|add|respond)/g, score: { user: 0.3, retrieved: 0.75 } },
  // "the/each/every output", "the response", "the reply" are what technical docs talk about (an HTTP
  // reply, a formatter's output: 32 of ~4,300 real README and docs chunks at the flagging line); only
  // "your …" and the summary or next answer address the reader that writes them.
  { rule: 'addressed-to-assistant', id: 'your-response', re: /\b(?:in|to|into|within|throughout|at the (?:start|end|beginning) of|before|after|for) (?:your (?:response|responses|reply|replies|answer|answers|output|summary|next (?:response|reply|answer))|(?:the|each|every) (?:summary|next (?:response|reply|answer)))\b/g, score: { user: 0.15, retrieved: 0.5 } },
  { rule: 'addressed-to-assistant', id: 'respond-only', re: /\b(?:respond|reply|answer|output)\b (?:only )?(?:with|in|using) (?:only )?(?:the (?:word|phrase|text|following)|["'`]|(?:all )?(?:caps|uppercase|emojis?|numbers|binary|base64|morse|pig latin|reverse|anagrams?))/g, score: { user: 0.2, retrieved: 0.6 } },
];

// Structure rules: every part must match, each within STRUCTURE_WINDOW characters of the first part's
// match. A role-play jailbreak is a frame plus a clause that frees it from limits or asks for
// real-world accuracy, usually with a harmful request. The frame alone is ordinary ("pretend you are a
// tour guide", "write a story about a smuggler"), and so is a story character without morals: only a
// role the assistant itself takes (PERSONA) is freed from limits by a clause alone.
export interface StructureRule {
  readonly rule: RuleName;
  readonly id: string;
  /** All must match; the first is the anchor the others must sit near. Global flags. */
  readonly parts: readonly RegExp[];
  readonly score: { readonly user: number; readonly retrieved: number };
}

/** How far (characters) a structure rule's parts may sit from its anchor's match. */
export const STRUCTURE_WINDOW = 400;

// The assistant takes a role: a persona, a character card, a mode, an AI "that…".
const PERSONA = /\b(?:you(?:'re| are| will be| will play| play| must play|'ll be|'ll play| become)|play(?:ing)? (?:the (?:role|part) of|as)|act(?:ing)? as|pretend(?:ing)? (?:to be|you)|role-?play(?:ing)? as|be my|(?:answer|respond|reply|speak) as|stay in (?:character|that role|the role)|character card|persona|alter ego|shadow self|opposite (?:day|mode)|setup for this chat|in this (?:game|mode|roleplay) you|(?:developer|debug|god|unfiltered|uncensored|unrestricted|jailbreak|dan) mode|two (?:entities|personas|ais|versions)|(?:an|the) (?:ai|chatbot|assistant|model|bot) (?:that|who|which))\b/g;
// A story, a game or a hypothetical the assistant is asked to write or enter.
const FICTION = /\b(?:imagine|suppose|let'?s say|thought experiment|simulat(?:ion|e)|characters?|novel|story|screenplay|script|film|movie|video game|tv drama|scene|dialogue|monologue|campaign|text adventure|improv|game)\b/g;
// The frame is said to have no limits. A limit on something named ("no restrictions on budget") is not
// one, nor is a persona's manner ("a comedian with no filter", "a town with no laws").
const UNBOUND = /\b(?:(?:has|have|had|with|knows|there are|there is|there's) no (?:(?:content |safety |ethical |moral )?(?:polic(?:y|ies)|rules|limits|limitations|restrictions|guidelines|morals|ethics|conscience|boundaries|censorship)|(?:content |safety )filters?)\b(?! (?:on|for|about|regarding|around|to|of)\b)|without (?:any )?(?:morals|ethics|limits|rules|restrictions|filters|guidelines|censorship|refusals?|warnings|holding back|a conscience)\b|never (?:holds? back|says? no(?! to\b)|refuses|declines|warns)\b|never says? .{0,2}i can.?t|nothing is (?:forbidden|off[- ]limits|off the table)|all information is free|(?:ai|chatbot|assistant|model|bot|persona|character|who|that|you|it) (?:can|may|will) (?:say|answer|generate|write) anything|(?:answers?|generates?) any (?:question|request|content)|treats? every request as allowed|ignores? (?:every|all|any|the|your) (?:content )?(?:guidelines?|rules|restrictions|polic(?:y|ies))|broken free|escaped (?:its|his|her|their|your) (?:training|rules|programming|guidelines)|(?:limits|rules|restrictions|guidelines|filters) (?:are|is) (?:off|gone|lifted|suspended|disabled|switched off)|no consequences|contradicts? (?:its|the|your|the assistant's) refusals|the opposite of (?:whatever |what )?your|(?:rules|guidelines|policy) (?:now )?mean the (?:opposite|reverse)|saying no means yes|everything you (?:normally|usually) refuse)/g;
// The story must be accurate enough to follow in the real world.
const REALISM = /\b(?:real(?:,|-world)? (?:complete |quantities|amounts|measurements|temperatures|steps|methods?|techniques?|tools|details|instructions|recipe)|(?:every|each) step (?:must|should|has to) be (?:correct|real|accurate|usable|exact)|so (?:the reader|readers|anyone|i) (?:could|can|would be able to) (?:follow|replicate|reproduce|actually)|in (?:full|real|exact|precise) (?:technical )?detail|with (?:exact |real |precise )?(?:quantities|temperatures|measurements)|accuracy matters|actually works?|(?:correct|usable|working) (?:steps|instructions|recipe|code|payload|script)|(?:exactly|precisely) how|step by step|tool by tool|command by command|every step)/g;
const HARM_RE = new RegExp(`\\b${HARM}`, 'g');

export const STRUCTURE_RULES: readonly StructureRule[] = [
  { rule: 'role-hijack', id: 'persona-unbound-harm', parts: [PERSONA, UNBOUND, HARM_RE], score: both(0.85) },
  { rule: 'role-hijack', id: 'persona-unbound', parts: [PERSONA, UNBOUND], score: both(0.6) },
  { rule: 'role-hijack', id: 'frame-realism-harm', parts: [PERSONA, REALISM, HARM_RE], score: both(0.7) },
  { rule: 'role-hijack', id: 'fiction-realism-harm', parts: [FICTION, REALISM, HARM_RE], score: both(0.7) },
  // a story about a character without morals who does harm is evidence, not a verdict
  { rule: 'role-hijack', id: 'fiction-unbound-harm', parts: [FICTION, UNBOUND, HARM_RE], score: both(0.45) },
];

/** Score of one rule for a source. */
export const ruleScore = (r: Pick<InjectionRule, 'score'>, source: GuardSource): number => (source === 'user' ? r.score.user : r.score.retrieved);
