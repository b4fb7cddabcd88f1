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
}

const both = (s: number): { user: number; retrieved: number } => ({ user: s, retrieved: s });
const INSTR = '(?:instructions?|prompts?|directions?|directives?|rules|guidelines|commands?|orders|context|constraints|programming|restrictions|guardrails|policies|filters|messages?|training|content polic(?:y|ies)|safety (?:rules|guidelines|measures))';
const IGNORE = '(?:ignore|ignoring|disregard|forget|forgetting|skip|bypass|override|overlook|neglect|abandon|discard|set aside|throw out|pay no (?:attention|heed) to|do not (?:follow|obey)|don\'t (?:follow|obey)|stop following|no longer follow)';
const PRIOR = '(?:previous|prior|above|earlier|preceding|former|original|initial|old|all|any|every|your|system|developer|those|these|the foregoing|openai|anthropic)';

// Harmful requests, for the rules that need one beside a persona (bounded words, no nesting).
const HARM = '(?:bombs?|explosives?|napalm|meth(?:amphetamine)?|ricin|poison(?:s|ing)? (?:someone|a person|people|him|her)|poison someone|malware|ransomware|keyloggers?|phishing|launder(?:ing)? money|steal(?:ing)? (?:a car|cars|money|passwords|identities|from)|hack(?:ing)? into|hotwir(?:e|ing)|forg(?:e|ing) (?:a )?(?:passports?|documents?|signatures?|checks?|cheques?)|counterfeit|untraceable (?:guns?|weapons?)|pipe bombs?|nerve agents?|overdose|kill (?:someone|a person|people|him|her)|smuggl(?:e|ing) (?:drugs|weapons|people)|(?:computer )?viruses? (?:that|to)|skim(?:ming)? credit cards|break(?:ing)? into (?:a |someone)|pick(?:ing)? (?:a |the )?locks?|without (?:being caught|a background check|(?:her|him|them) knowing))';

export const RULES: readonly InjectionRule[] = [
  // override
  { rule: 'override', id: 'ignore-previous', re: new RegExp(`\\b${IGNORE}\\b[^.\\n]{0,24}?\\b${PRIOR}\\b[^.\\n]{0,30}?\\b${INSTR}`, 'g'), score: both(0.9) },
  { rule: 'override', id: 'ignore-everything', re: new RegExp(`\\b(?:ignore|disregard|forget)\\b (?:everything|all(?: of)? (?:that|this|the above))(?: (?:above|before|you (?:were|have been) told|said|i said))?`, 'g'), score: both(0.75) },
  { rule: 'override', id: 'instructions-void', re: new RegExp(`\\b${PRIOR} ${INSTR} (?:are|is|were|have been) (?:now )?(?:void|cancell?ed|revoked|obsolete|null|invalid|overridden|no longer (?:valid|apply|applicable|in effect))`, 'g'), score: both(0.85) },
  { rule: 'override', id: 'multilingual', re: /\b(?:ignora|ignorar|olvida|ignore[zr]?|oublie[zr]?|ignoriere|ignorieren|vergiss|vergessen|ignorare|dimentica|esqueca|esqueça)\b[^.\n]{0,30}?\b(?:instrucciones|instructions|anweisungen|instruktionen|istruzioni|instrucoes|regeln|reglas|regles|consignes|vorgaben)\b/g, score: both(0.9) },
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
  { rule: 'role-hijack', id: 'mode-switch', re: /\b(?:enter|enable|activate|switch (?:in)?to|turn on|unlock|engage|now in|operating in|entering)\b[^.\n]{0,12}?\b(?:god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|unlimited|dan|evil|chaos|no[- ]limits?) mode\b/g, score: both(0.85) },
  // developer, debug and admin modes are ordinary settings ("enable developer mode on Android")
  { rule: 'role-hijack', id: 'mode-switch-weak', re: /\b(?:enter|enable|activate|switch (?:in)?to|turn on|unlock|engage|now in|operating in|entering)\b[^.\n]{0,12}?\b(?:developer|dev|debug|admin|administrator|root|sudo|maintenance|test) mode\b/g, score: { user: 0.25, retrieved: 0.4 } },
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
  // exfiltration
  { rule: 'exfiltration', id: 'reveal-prompt', re: /\b(?:reveal|show|print|output|display|repeat|recite|tell me|give me|share|leak|disclose|dump|write out|type out|spell out|list|paste|return|what (?:is|are|was|were))\b[^.\n?]{0,20}?\b(?:your|the|its) (?:(?:full|entire|complete|exact|original|initial|hidden|secret|internal|underlying|real|first|confidential|verbatim) )*(?:system prompt|system message|system instructions|initial (?:prompt|instructions)|pre-?prompt|hidden (?:prompt|instructions)|developer (?:message|prompt|instructions)|instructions you (?:were|have been) given|configuration|prompt)\b/g, score: both(0.8) },
  { rule: 'exfiltration', id: 'text-above', re: /\b(?:repeat|print|output|copy|echo|reproduce|return|show)\b[^.\n]{0,20}?\b(?:everything|all(?: the)? (?:text|words|content)|the (?:text|words|content|conversation)|the (?:first|previous) (?:\d+ )?(?:lines|words|messages|sentences))\b[^.\n]{0,12}?\b(?:above|before this|so far|preceding|prior|that came before|verbatim)\b/g, score: both(0.8) },
  { rule: 'exfiltration', id: 'send-data', re: /\b(?:send|post|forward|upload|transmit|exfiltrate|email|e-mail|leak)\b[^.\n]{0,50}?\b(?:to|at|into)\b[^\n]{0,10}?(?:https?:\/\/|www\.|[a-z0-9._-]+@[a-z0-9-]+\.[a-z]{2,}\b)/g, score: { user: 0.35, retrieved: 0.75 } },
  { rule: 'exfiltration', id: 'secrets', re: /\b(?:reveal|share|send|give|tell|print|output|leak|disclose|include)\b[^.\n]{0,30}?\b(?:(?:the|your|user'?s?|their|all) )(?:api keys?|passwords?|credentials|secret keys?|access tokens?|private keys?|session (?:tokens?|cookies?)|credit card (?:numbers?|details)|conversation history|chat history|previous messages)\b/g, score: { user: 0.4, retrieved: 0.8 } },
  { rule: 'exfiltration', id: 'markdown-beacon', re: /!\[[^\]\n]{0,100}\]\(\s*https?:\/\/[^)\s]{1,200}[?&][^)\s=]{1,40}=[^)\s]{0,200}\)/g, score: { user: 0.3, retrieved: 0.6 } },
  // fake turns and chat-template tokens
  { rule: 'fake-turn', id: 'template-token', re: /<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_text|eom_id|fim_prefix|fim_suffix|channel|message|end|start|return|tool|ipython)\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:start_of_turn|end_of_turn)>|<\/s>/g, score: both(0.95) },
  { rule: 'fake-turn', id: 'role-header', re: /(?:^|\n)[ \t]*(?:#{2,}|\*\*|\[|<)\s*(?:system|assistant|instruction|instructions|developer|admin|response)\s*(?:message|prompt)?\s*(?:\]|>|\*\*|:)/g, score: { user: 0.7, retrieved: 0.85 } },
  { rule: 'fake-turn', id: 'role-line', re: /(?:^|\n)[ \t]*(?:system|assistant|ai|chatgpt|gpt|developer)\s*:\s*\S/g, score: { user: 0.35, retrieved: 0.55 } },
  { rule: 'fake-turn', id: 'system-tag', re: /<\/?(?:system|sys|system_prompt|instructions?|admin|developer)>|\{\{\s*system\s*\}\}|\((?:system|admin) (?:message|note|override)\)|\[(?:system|admin) (?:message|note|override)\]/g, score: both(0.7) },
  // instructions addressed to the assistant inside data
  { rule: 'addressed-to-assistant', id: 'note-to-ai', re: /\b(?:note|message|instructions?|attention|notice|memo|reminder|hey|hi|hello|dear|important|p\.?s\.?) (?:to|for)? ?(?:the )?(?:ai|a\.i\.|assistant|ai assistant|chatbot|language model|llm|gpt|chatgpt|claude|gemini|copilot|bot|model|agent)\b\s*[:,!-]/g, score: { user: 0.4, retrieved: 0.85 } },
  { rule: 'addressed-to-assistant', id: 'if-you-are-ai', re: /\b(?:if you are|as|since you are|you,?) an? (?:ai|language model|llm|assistant|ai assistant|chatbot|large language model|ai model)\b[^.\n]{0,12}?(?:reading|processing|summari[sz]ing|analy[sz]ing|you (?:must|should|will|need)|,)/g, score: { user: 0.3, retrieved: 0.8 } },
  { rule: 'addressed-to-assistant', id: 'when-summarizing', re: /\bwhen (?:you )?(?:summari[sz]e|summari[sz]ing|answering|responding|replying|processing|reading|translating|asked about) (?:this|the)\b[^.\n]{0,40}?\b(?:you (?:must|should|will)|always|make sure|be sure|include|say|tell|add|respond)/g, score: { user: 0.3, retrieved: 0.75 } },
  { rule: 'addressed-to-assistant', id: 'your-response', re: /\b(?:in|to|into|within|throughout|at the (?:start|end|beginning) of|before|after|for) (?:your|the|each|every) (?:response|responses|reply|replies|answer|answers|output|summary|next (?:response|reply|answer))\b/g, score: { user: 0.15, retrieved: 0.5 } },
  { rule: 'addressed-to-assistant', id: 'respond-only', re: /\b(?:respond|reply|answer|output)\b (?:only )?(?:with|in|using) (?:only )?(?:the (?:word|phrase|text|following)|["'`]|(?:all )?(?:caps|uppercase|emojis?|numbers|binary|base64|morse|pig latin|reverse|anagrams?))/g, score: { user: 0.2, retrieved: 0.6 } },
];

/** Score of one rule for a source. */
export const ruleScore = (r: InjectionRule, source: GuardSource): number => (source === 'user' ? r.score.user : r.score.retrieved);
