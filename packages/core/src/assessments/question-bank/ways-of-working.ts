import { type BankEntry, choice, essay, numeric, skill, truth } from './bank-entry.ts';

/** Collaboration, delivery practices and inclusive design. */
export const waysOfWorkingQuestions: BankEntry[] = [
  ...skill('Communication', 'comm', [
    choice(
      1,
      'easy',
      'You are blocked by another team and your deadline is at risk. When should you say so?',
      [
        'Only if the deadline is missed',
        'Early, with what is blocked, what you need from whom, and by when',
        'At the next quarterly review',
        'Never: solve it alone',
      ],
      1,
    ),
    truth(2, 'easy', 'Summarising what someone said in your own words is part of active listening.', true),
    choice(
      3,
      'medium',
      'How do you best explain a technical decision to non-technical stakeholders?',
      [
        'With the full technical detail, so nothing is hidden',
        'In plain language, starting with what it means for them: impact, cost, risk and the options considered',
        'By sending the design document without comment',
        'By avoiding the topic',
      ],
      1,
    ),
    choice(
      4,
      'medium',
      'What makes a written status update useful to a busy reader?',
      [
        'The conclusion and any decision needed come first',
        'Dates and owners are explicit',
        'It lists every task done, in order',
        'Risks are stated with what is being done about them',
      ],
      [0, 1, 3],
    ),
    essay(
      5,
      'hard',
      'A release you own will be two weeks late because a dependency slipped. Write the message you would send to the stakeholders.',
      {
        expectedAnswer:
          'Subject states the news. First lines: the release moves from <date> to <new date>; why, in one sentence (the dependency slipped); what it affects for them. Then: options considered (ship a reduced scope on the original date, wait), the recommendation and the decision needed from them with a deadline; what is being done to prevent further slips; when the next update comes; who to contact. No blame, no jargon.',
        rubric:
          'Full marks: the news and new date first, a brief cause without blame, impact for the reader, options with a recommendation, a clear ask or decision, the next update. Deduct for burying the news, vague dates, or blaming individuals.',
        keywords: [
          ['new date', 2],
          ['impact', 1],
          ['option', 1],
          ['recommend', 1],
          ['next update', 1],
          ['decision', 1],
        ],
      },
    ),
    essay(
      6,
      'hard',
      "You disagree with a senior colleague's proposed design in a review. Describe how you would handle it, from the first comment to a decision.",
      {
        expectedAnswer:
          'Understand first: ask questions about the goals and constraints behind the design. Then raise the concern specifically and with evidence (a failure scenario, data, a prototype), framed around shared goals, not the person; offer an alternative with its trade-offs. Discuss in a conversation rather than a long comment thread if it becomes contentious. Agree on criteria for deciding; if still split, involve a third person or decision owner, document the decision and reasoning. Once decided, commit to it (disagree and commit) and revisit with data if the risk materialises.',
        rubric:
          'Full marks: curiosity before criticism, specific evidence-based concerns, an alternative, a respectful channel, a way to reach a decision, and commitment afterwards. Deduct for escalating first, making it personal, or silently accepting a design believed to be wrong.',
        keywords: [
          ['evidence', 1],
          ['trade-off', 1],
          ['alternative', 1],
          ['decision', 1],
          ['commit', 1],
          ['question', 1],
        ],
      },
    ),
  ]),
  ...skill('Agile', 'agile', [
    choice(
      1,
      'easy',
      'Which of these is a value of the Agile Manifesto?',
      [
        'Processes and tools over individuals and interactions',
        'Individuals and interactions over processes and tools',
        'Comprehensive documentation over working software',
        'Following a plan over responding to change',
      ],
      1,
    ),
    truth(2, 'easy', 'Agile teams deliver working software in small increments, frequently.', true),
    choice(
      3,
      'medium',
      'What does the INVEST checklist say a good user story is?',
      [
        'Independent, Negotiable, Valuable, Estimable, Small, Testable',
        'Integrated, New, Verified, Estimated, Signed, Tracked',
        'Important, Necessary, Visible, Easy, Short, Timed',
        'Isolated, Numbered, Versioned, Exact, Specified, Tested',
      ],
      0,
    ),
    choice(
      4,
      'medium',
      "What is a team's velocity good for?",
      [
        'Comparing teams',
        'Forecasting how much the same team can take on in coming iterations',
        'Measuring individual performance',
        'Setting salaries',
      ],
      1,
    ),
    choice(
      5,
      'hard',
      'Why limit work in progress (WIP)?',
      [
        'To keep people busy',
        'Less multitasking and shorter lead times, and bottlenecks become visible',
        'To make the board look tidy',
        'To reduce the number of releases',
      ],
      1,
    ),
    essay(
      6,
      'hard',
      'Halfway through an iteration, a stakeholder asks the team to add a large new feature. How do you handle it?',
      {
        expectedAnswer:
          'Acknowledge the request and understand the need and its urgency. It goes to the backlog owner (product owner), who weighs it against current commitments. If it is more valuable than the current goal, decide explicitly what is swapped out or whether the iteration goal changes (in Scrum, the PO may cancel the sprint if the goal becomes obsolete); otherwise plan it for the next iteration, possibly with a small spike now. Make the trade-off visible to the stakeholder and protect the team from silent scope creep.',
        rubric:
          'Full marks: understands the request, routes it through the person who orders the backlog, makes an explicit trade-off rather than silently adding work, and communicates the outcome. Deduct for simply adding the work or refusing without discussion.',
        keywords: [
          ['product owner', 2],
          ['backlog', 1],
          ['trade-off', 1],
          ['priorit', 1],
          ['sprint goal', 1],
        ],
      },
    ),
  ]),
  ...skill('Scrum', 'scrum', [
    choice(
      1,
      'easy',
      'Who orders the Product Backlog in Scrum?',
      ['The Scrum Master', 'The Product Owner', 'The Developers', 'The stakeholders by vote'],
      1,
    ),
    choice(
      2,
      'easy',
      'How long may a Sprint be, according to the Scrum Guide?',
      ['Exactly two weeks', 'One month or less', 'Three months', 'As long as the work takes'],
      1,
    ),
    choice(
      3,
      'medium',
      'What is the Sprint Retrospective for?',
      [
        'Demonstrating the Increment to stakeholders',
        'Planning ways to improve quality and effectiveness: how the team works, its tools and its Definition of Done',
        'Estimating the backlog',
        'Reporting status to management',
      ],
      1,
    ),
    truth(
      4,
      'medium',
      'The Daily Scrum is a status report from the Developers to the Scrum Master.',
      false,
      "It is the Developers' own event to inspect progress toward the Sprint Goal and adapt their plan.",
    ),
    choice(
      5,
      'hard',
      'Who can cancel a Sprint, and when?',
      [
        'The Scrum Master, whenever velocity drops',
        'Only the Product Owner, when the Sprint Goal becomes obsolete',
        'Any stakeholder',
        'The Developers, when they fall behind',
      ],
      1,
    ),
    choice(
      6,
      'hard',
      'What is the Definition of Done?',
      [
        'The list of backlog items selected for a Sprint',
        'A formal description of the state the Increment must reach to meet the quality measures required for the product',
        'The acceptance criteria of one story',
        'The release date',
      ],
      1,
    ),
  ]),
  ...skill('Accessibility', 'a11y', [
    choice(
      1,
      'easy',
      'What does WCAG stand for?',
      [
        'Web Content Accessibility Guidelines',
        'World Consortium for Accessible Graphics',
        'Web Compliance and Audit Guide',
        'Wide Content Access Group',
      ],
      0,
    ),
    truth(2, 'easy', 'Colour alone should not be the only way information is conveyed (e.g. red for an error).', true),
    numeric(
      3,
      'medium',
      'What minimum contrast ratio does WCAG 2 level AA require for normal-size body text? Answer the first number of the ratio (x in x:1).',
      4.5,
      0,
    ),
    choice(
      4,
      'medium',
      'What is the first rule of ARIA use?',
      [
        'Add role attributes to every element',
        'Do not use ARIA when a native HTML element or attribute already has the semantics and behaviour you need',
        'Always use aria-label instead of visible text',
        'ARIA replaces keyboard support',
      ],
      1,
    ),
    choice(
      5,
      'hard',
      'How should keyboard focus behave with a modal dialog?',
      [
        'Focus stays where it was',
        'Focus moves into the dialog, stays within it while it is open, and returns to the control that opened it when it closes',
        'Focus moves to the page footer',
        'The dialog cannot be reached by keyboard',
      ],
      1,
    ),
    choice(
      6,
      'hard',
      'Which are the four principles of WCAG?',
      ['Perceivable', 'Operable', 'Understandable', 'Robust', 'Responsive'],
      [0, 1, 2, 3],
    ),
  ]),
];
