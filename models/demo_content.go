package models

// Demo content for a fresh board: an amateur astronomy club. The seeder
// walks these values in order; every post author is one of demoUsers, and no
// topic starts before any of its authors joined.

const demoBoardTitle = "Dark Sky Society"

const demoBoardDescription = "A friendly club for amateur astronomers: backyard observers, dark-site pilgrims, astrophotographers and anyone who has ever stayed up too late looking up."

var demoHeaderLinks = []HeaderLink{
	{Title: "Board rules", URL: "/p/1"},
	{Title: "Club website", URL: "https://darksky-society.example.org/"},
}

var demoRanks = []demoRank{
	{Title: "First Light", MinPosts: 0},
	{Title: "Star Hopper", MinPosts: 10},
	{Title: "Messier Marathoner", MinPosts: 50},
	{Title: "Deep Sky Regular", MinPosts: 150},
	{Title: "Dark Adapted", MinPosts: 300},
	{Title: "Old Photon", MinPosts: 600},
	{Title: "Keeper of the Dome", Special: true},
	{Title: "Star Party Marshal", Special: true},
}

var demoUsers = []demoUser{
	{
		Name:          "skywarden",
		Email:         "skywarden@example.org",
		JoinedDaysAgo: 1402,
		Rank:          "Keeper of the Dome",
		Timezone:      "America/Denver",
		Signature:     "Clear skies, everyone. Board questions go in Announcements.",
		Admin:         true,
	},
	{
		Name:          "old_photon_dave",
		Email:         "dave.photon@example.org",
		JoinedDaysAgo: 1388,
		Signature:     "200mm f/6 Dob, a folding chair, and forty years of cold feet.",
	},
	{
		Name:          "Maren K",
		Email:         "maren.k@example.org",
		JoinedDaysAgo: 1310,
		Rank:          "Star Party Marshal",
		Timezone:      "Europe/Berlin",
		Signature:     "Bortle 4 on a good night. Bortle 9 when the neighbour's floodlight comes on.",
		Moderator:     true,
	},
	{
		Name:          "Tomasz W",
		Email:         "tomasz.w@example.org",
		JoinedDaysAgo: 1050,
		Rank:          "Star Party Marshal",
		Timezone:      "Europe/Warsaw",
		Moderator:     true,
	},
	{
		Name:          "rms_or_bust",
		Email:         "rms.or.bust@example.org",
		JoinedDaysAgo: 980,
		Timezone:      "America/Chicago",
		Signature:     "Last night's total RMS: 0.52 arcsec. Ask me how.",
	},
	{
		Name:          "Zoë",
		Email:         "zoe.southern@example.org",
		JoinedDaysAgo: 860,
		Timezone:      "Australia/Sydney",
		Signature:     "Observing from 33 degrees south, where Orion stands on his head.",
	},
	{
		Name:          "orion_watcher",
		Email:         "orion.watcher@example.org",
		JoinedDaysAgo: 640,
	},
	{
		Name:          "lunar_linnea",
		Email:         "linnea.sketches@example.org",
		JoinedDaysAgo: 455,
		Signature:     "Pencil, paper, a 127mm Mak and the terminator.",
	},
	{
		Name:          "jess_at_uni",
		Email:         "jess.student@example.org",
		JoinedDaysAgo: 410,
	},
	{
		Name:          "chasing_comets",
		Email:         "comet.chaser@example.org",
		JoinedDaysAgo: 160,
	},
	{
		Name:          "bortle8_ben",
		Email:         "ben.b8@example.org",
		JoinedDaysAgo: 45,
	},
	{
		Name:          "first_scope_sam",
		Email:         "sam.firstscope@example.org",
		JoinedDaysAgo: 3,
	},
}

var demoCategories = []demoCategory{
	{
		Title: "Welcome to the Society",
		Forums: []demoForum{
			{
				Title:       "Announcements",
				ReadOnly:    true,
				Description: "Board news, rules and club notices from the admins and moderators.",
				Topics: []demoTopic{
					{
						Title:          "Welcome to the Dark Sky Society: board rules",
						Kind:           TopicAnnouncement,
						StartedDaysAgo: 1385,
						Posts: []demoPost{
							{Author: "skywarden", Body: `Welcome to the Dark Sky Society board. This is the online home of our club, but you don't need to live nearby or own a telescope to join in. If you have ever looked up and wondered what that fuzzy thing was, you belong here.

A few rules, kept short on purpose:
1. Be kind. Everybody started with a wobbly tripod and a finder that pointed at the wrong tree.
2. No "my scope is better than yours" wars. Every instrument is the right one for somebody.
3. Post observing reports in Observing Reports, pictures in Astrophotography, and gear questions in Equipment. The moderators will move things, no hard feelings.
4. Don't post exact locations of private dark sites without the owner's permission.
5. No selling in the public forums. Ask a moderator about the classifieds.
6. Red lights only at star parties. Yes, that includes your phone screen.

If something on the board is broken or someone is making it unpleasant, message me or any moderator.

Clear skies.`},
							{Author: "old_photon_dave", Body: "Rule 6 is my favourite. I'd print it on a t-shirt if anyone could read it in the dark."},
						},
					},
					{
						Title:          "Club meetings and the loaner telescope programme",
						StartedDaysAgo: 450,
						Posts: []demoPost{
							{Author: "Maren K", Body: `Quick summary for newer members, since the question keeps coming up.

We meet on the first Friday of every month in the community hall, 7:30 p.m. There's usually a short talk, then tea, then everyone goes outside if the sky cooperates. Visitors are always welcome.

The club owns four loaner telescopes: two 150mm Dobs, a 102mm refractor on an alt-az mount, and a 90mm Mak. Members can borrow one for a month at a time. Sign up at a meeting or reply here, and please return them with the caps on and the eyepieces in the case.`},
							{Author: "orion_watcher", Body: "I borrowed one of the 150mm Dobs last winter before buying my own. Can't recommend it enough. It's the best way to find out whether you'll actually use a big scope."},
							{Author: "lunar_linnea", Body: "Is the 90mm Mak free next month? I'd like to try it before deciding on a travel scope."},
							{Author: "Maren K", Body: "It's yours from the next meeting, Linnea. I'll bring it along."},
						},
					},
					{
						Title:          "Planned downtime Saturday night (yes, we know it's new moon)",
						StartedDaysAgo: 5,
						Posts: []demoPost{
							{Author: "skywarden", Body: `The board will be offline for about two hours on Saturday from 10 p.m. Mountain time while the server gets an upgrade.

Yes, I know it's new moon. I picked it on purpose: if the forecast holds, you'll all be outside and won't notice. If it's cloudy, I apologise in advance.`},
							{Author: "bortle8_ben", Body: "Thoughtful scheduling. Some of us will be outside squinting at the one visible star, though."},
							{Author: "old_photon_dave", Body: "Forecast says clouds. Of course it does."},
						},
					},
				},
			},
			{
				Title:       "Introductions",
				Description: "New here? Tell us where you observe from and what got you looking up.",
				Topics: []demoTopic{
					{
						Title:          "Hello from the foothills",
						StartedDaysAgo: 635,
						Posts: []demoPost{
							{Author: "orion_watcher", Body: `Hi everyone. I live on the edge of a small town in the foothills, roughly Bortle 4 if I stand behind the shed and ignore the gas station to the south.

I've been looking at Orion every winter since I was a kid, hence the name, but only got serious this year with 10x50 binoculars and a star atlas. Thinking about a proper telescope soon. Mostly lurking for now, but expect questions.`},
							{Author: "skywarden", Body: "Welcome aboard! Binoculars and an atlas is the best possible start. Read the beginner FAQ in Equipment before you buy anything, and then ask away."},
							{Author: "old_photon_dave", Body: "Ignore the gas station, that's the spirit. Welcome."},
						},
					},
					{
						Title:          "Hi all, Zoë from the Blue Mountains",
						StartedDaysAgo: 855,
						Posts: []demoPost{
							{Author: "Zoë", Body: `G'day from Australia. I found this board while searching for eyepiece advice and stayed for the observing reports, even though half of your objects are below my horizon and half of mine are below yours.

I observe with a 10-inch Dob from my back step about two hours west of Sydney. It's properly dark out here, Bortle 2 to 3. I'll try to post southern sky reports so you lot know what you're missing.`},
							{Author: "Maren K", Body: "Welcome, Zoë! We have been needing someone to rub Omega Centauri and the Magellanic Clouds in our faces. Please do post."},
							{Author: "old_photon_dave", Body: "Send some of your Bortle 2 up here. We'll trade you a few cloudy weeks."},
							{Author: "Zoë", Body: "Tempting, Dave, but we have plenty of our own cloud, thanks."},
						},
					},
					{
						Title:          "Astronomy student saying hi",
						StartedDaysAgo: 408,
						Posts: []demoPost{
							{Author: "jess_at_uni", Body: `Hi! I'm a second-year physics student and I just joined the university astronomy society. We have access to an old 8-inch SCT on the roof of the physics building, but none of us really know how to use it yet.

I know a fair bit of theory (ask me about stellar evolution, I dare you) but almost nothing about actually finding things in the sky. Hoping to learn from all of you.`},
							{Author: "Maren K", Body: "Welcome, Jess. Theory plus a roof telescope is a great combination. Start with the Moon and the bright planets to learn the mount, then try star hopping to a few Messier objects."},
							{Author: "lunar_linnea", Body: "Welcome! The Moon is my favourite teacher. It's bright, it's big, and it's different every night."},
							{Author: "rms_or_bust", Body: "An 8-inch SCT on a fixed pier? Have you considered a camera? I'm only asking. Asking for a friend. The friend is guiding."},
							{Author: "jess_at_uni", Body: "Ha. One thing at a time! Thanks everyone."},
						},
					},
					{
						Title:          "A comet got me hooked",
						StartedDaysAgo: 158,
						Posts: []demoPost{
							{Author: "chasing_comets", Body: `Hello! Like a lot of people I suspect, I got into this because of the comet in the news a few months ago. I saw it from a car park with binoculars and couldn't stop thinking about it.

Now I'm reading about orbits and perihelion and checking comet lists every morning. I have a pair of 10x50s and a lot of enthusiasm. Is it normal to be this excited about a fuzzy blob?`},
							{Author: "skywarden", Body: "Completely normal. Comets have been recruiting astronomers for centuries. Welcome!"},
							{Author: "Zoë", Body: "Welcome! Comet hunters are a special kind of patient. If you ever want to see one that's only visible from down south, I'll post reports."},
						},
					},
					{
						Title:          "City dweller, Bortle 8, is there any hope?",
						StartedDaysAgo: 44,
						Posts: []demoPost{
							{Author: "bortle8_ben", Body: `Hi all. I live in a flat in the middle of the city. My balcony faces south-east and I can see maybe a dozen stars on a good night. The sky is orange.

Before I spend money, is there any point in owning a telescope here? Or do I need a car and a dark site first?`},
							{Author: "Maren K", Body: `Welcome, Ben. There's more hope than you think.

The Moon, the planets, bright double stars and many open clusters don't care much about light pollution. A small refractor or a 130mm reflector on a simple mount would keep you busy for years from that balcony. Galaxies and faint nebulae are the things you'll save for a dark site.`},
							{Author: "old_photon_dave", Body: "Half my first logbook was done from a city rooftop. Albireo looks the same everywhere."},
							{Author: "lunar_linnea", Body: "The Moon doesn't care about light pollution at all. Come join the lunar side."},
						},
					},
					{
						Title:          "New here, just got my first telescope!",
						StartedDaysAgo: 3,
						Posts: []demoPost{
							{Author: "first_scope_sam", Body: `Hi everyone! I just bought my first telescope, a 150mm reflector on a Dobsonian base, second-hand from a man who said he "never had time for it". It came with two eyepieces, a 25mm and a 10mm.

I took it outside last night and managed to see the Moon, which was amazing, but I couldn't find anything else. Everything in the finder is upside down and I kept losing the Moon too. Any tips for a complete beginner?`},
							{Author: "skywarden", Body: "Welcome, Sam! Great first scope. Align the finder with the main scope in daylight on a distant treetop or chimney. It will save you hours of frustration."},
							{Author: "Maren K", Body: `Welcome! Always start with the 25mm eyepiece; lower power means a wider field and easier finding. Use the 10mm only once the target is centred.

Upside down is normal for reflectors. Everyone gets used to it after a few nights.`},
							{Author: "jess_at_uni", Body: "I had the exact same problem at first. It gets better quickly, I promise."},
							{Author: "bortle8_ben", Body: "Welcome, fellow newbie. I've only been here a few weeks and this place has already saved me from a couple of bad purchases."},
						},
					},
				},
			},
		},
	},
	{
		Title: "Under the Sky",
		Forums: []demoForum{
			{
				Title:       "Equipment & Telescopes",
				Description: "Telescopes, mounts, eyepieces, filters and everything else that fills the car boot on a clear night.",
				Topics: []demoTopic{
					{
						Title:          "Read this first: beginner FAQ",
						Kind:           TopicSticky,
						StartedDaysAgo: 1300,
						Posts: []demoPost{
							{Author: "Maren K", Body: `Answers to the questions we get every week. Please read before posting "which telescope should I buy"; you'll get better answers if you can tell us what you've already considered.

What's the best telescope for a beginner?
The one you'll actually use. For most people that's a 150mm or 200mm Dobsonian: simple, cheap per millimetre of aperture, and fast to set up. If you have to carry it up stairs, think smaller.

What magnification do I need?
Less than you think. The atmosphere limits most nights to 150x to 200x. A box that promises 600x is a warning sign, not a feature.

Should I buy binoculars first?
Yes, if you can. 10x50s teach you the sky and stay useful forever.

Why can't I see colours like in the photos?
Your eyes aren't sensitive to colour in dim light. Most nebulae look grey to the eye. That's normal, and it doesn't make them less amazing.

What's the Bortle scale?
A 1 to 9 rating of how dark your sky is. 1 is a remote desert, 9 is a city centre. Most of our members observe somewhere between 4 and 7.

Still stuck? Post in this forum and tell us your budget, your sky and how far you'll carry it.`},
							{Author: "skywarden", Body: "Thanks, Maren. Stuck. I'd add one more: let your eyes adapt to the dark for 20 minutes before judging what you can see. People give up on faint objects far too early."},
							{Author: "old_photon_dave", Body: "And buy a decent chair. You'll see more sitting down. I'm not joking."},
						},
					},
					{
						Title:          "Equipment buying guide (updated every autumn)",
						Kind:           TopicSticky,
						StartedDaysAgo: 1040,
						Posts: []demoPost{
							{Author: "skywarden", Body: `Every autumn we refresh this guide based on what members actually use. No brands, just types and rough budget brackets.

Under a modest budget: good 10x50 binoculars and a planisphere. Honestly the best start.

Small budget: a 130mm reflector on a Dobsonian base, or a 102mm refractor on a sturdy alt-az mount if you need portability.

Medium budget: a 200mm Dobsonian. This is the sweet spot for visual observing. It shows hundreds of galaxies, resolves globular clusters, and gives great planetary views on steady nights.

Larger budget: a 250mm to 300mm Dob if you have a way to transport it, or a small apochromatic refractor and a tracking mount if you're heading towards astrophotography.

Things to avoid: tiny tripods, "525x" claims on the box, and anything with a 0.965-inch eyepiece barrel.`},
							{Author: "Tomasz W", Body: "Good list. For the astrophotography bracket I'd stress that the mount matters more than the telescope. A good mount with a small refractor beats a big scope on a wobbly one every time."},
							{Author: "Maren K", Body: "Agreed with Tomasz. And keep a bit of budget for a second eyepiece and a red torch. The scope alone is not the whole kit."},
							{Author: "old_photon_dave", Body: "I've been using the same 200mm Dob for twenty years. Nobody ever regrets buying the 200mm Dob."},
						},
					},
					{
						Title:          "Refractor vs reflector, again",
						Locked:         true,
						StartedDaysAgo: 630,
						Posts: []demoPost{
							{Author: "old_photon_dave", Body: `I'm going to say it. Small refractors are overpriced for what they show. For the money spent on a 100mm apochromat you can have a 250mm Dob that shows six times as much light and embarrasses it on every deep-sky object.

People buy them because they're pretty. Change my mind.`},
							{Author: "rms_or_bust", Body: "For visual, sure. For imaging, a short refractor is the only thing that makes sense for most people. Try guiding a 250mm Newtonian at 1200mm focal length in a breeze and then tell me which is overpriced."},
							{Author: "Zoë", Body: "I love my Dob, but my friend's 80mm refractor gives the most beautiful wide views of the Milky Way and the Clouds. Both are good. Horses for courses."},
							{Author: "orion_watcher", Body: "As someone deciding right now, this thread is not helping."},
							{Author: "old_photon_dave", Body: "Aperture wins. It always has. Photographers can keep their tiny expensive tubes."},
							{Author: "rms_or_bust", Body: "And visual observers can keep squinting at grey smudges. See, I can be rude too."},
							{Author: "Tomasz W", Body: `Okay, that's enough. Both of you have made your points several times over, and the last few posts are going from opinion to insults.

For the record, and for anyone landing here from a search: both designs are excellent. Reflectors give the most aperture per money and suit visual deep-sky observing; small refractors are portable, need no collimation and suit wide-field imaging. The beginner FAQ and buying guide stickies cover this.

Locking this one. Please take it to private messages if you must continue.`},
						},
					},
					{
						Title:          "Collimation: how often is often enough?",
						StartedDaysAgo: 600,
						Posts: []demoPost{
							{Author: "orion_watcher", Body: `I finally bought a 200mm Dob (thanks for the patience in the refractor thread). I've learned to collimate with a cheap cap and the centre spot on the primary.

How often should I actually check it? Every session? Only when stars look bad? The car ride to the dark site is about 40 minutes of bumpy road.`},
							{Author: "old_photon_dave", Body: "Check every session, adjust when needed. Takes two minutes once you've done it a dozen times. The bumpy road will knock it a bit, so check after you arrive, not before you leave."},
							{Author: "Maren K", Body: "A quick star test at high power on a bright star is a good sanity check too. If the out-of-focus rings are concentric, stop fiddling and start observing."},
							{Author: "orion_watcher", Body: "Checked it last night after the drive: secondary was fine, primary was out a little. Two turns and Saturn snapped into focus. Thanks both."},
						},
					},
					{
						Title:          "Eyepiece recommendations for an f/5 Dob",
						StartedDaysAgo: 380,
						Posts: []demoPost{
							{Author: "jess_at_uni", Body: `The astronomy society has been given an old 200mm f/5 Dob, and it only came with a 25mm eyepiece. We have a small budget to add two or three more.

I've read that fast scopes are hard on cheap eyepieces. What focal lengths should we aim for, and is it worth spending more on one good eyepiece than several cheap ones?`},
							{Author: "old_photon_dave", Body: `At f/5, cheap wide-field eyepieces will show seagull-shaped stars at the edge of the field. For a student society I'd get:
a 32mm for a wide finder view (about 31x),
a 12mm or 13mm for general deep sky (about 80x),
a 7mm or 8mm for the planets and the Moon (about 140x).

Spend more on the middle one. It will do most of the work.`},
							{Author: "lunar_linnea", Body: "A good 2x Barlow is also worth considering. It turns the 12mm into a 6mm for the Moon and planets on a budget."},
							{Author: "Zoë", Body: "Seconding Dave. The 13mm-ish eyepiece lives in my Dob most nights. If you can afford a wider apparent field on that one, it makes star hopping a lot more fun."},
							{Author: "jess_at_uni", Body: "Perfect, that fits our budget. We ordered a 32mm, a 13mm and a Barlow. Thanks everyone!"},
						},
					},
					{
						Title:          "Dew heaters: worth it or just use a hair dryer?",
						StartedDaysAgo: 900,
						Posts: []demoPost{
							{Author: "Tomasz W", Body: `Autumn is coming and so is the dew. Last year I lost half my sessions to a fogged-up finder and eyepieces.

I've been using a hair dryer on a long extension cable, which works but annoys the neighbours at 1 a.m. Are proper heater strips worth the money and the battery weight?`},
							{Author: "Maren K", Body: "Absolutely worth it. A strip on the finder, one on the eyepiece you're using, and a dew shield on the main tube. I run mine off a small power tank and it lasts all night."},
							{Author: "rms_or_bust", Body: "For imaging they're non-negotiable. Dew on the front lens ruins every sub after midnight. Mine run on a controller at about 30% power."},
							{Author: "old_photon_dave", Body: "Open tube Dobs mostly don't need them on the primary. A cardboard dew shield on the finder got me through twenty years. But I'll admit the strips are nice."},
						},
					},
					{
						Title:          "Is a 90mm Mak a good grab-and-go?",
						StartedDaysAgo: 440,
						Posts: []demoPost{
							{Author: "lunar_linnea", Body: "I love my 127mm Mak for the Moon, but I'd like something smaller for trips. Is a 90mm Mak enough for lunar sketching, or will I just be frustrated?"},
							{Author: "Tomasz W", Body: "For the Moon and double stars a 90mm Mak is lovely. It'll do 150x on a steady night. The narrow field makes it poor for big clusters, but for your use I think it's a good match."},
							{Author: "orion_watcher", Body: "Borrow the club one first. It fits in a rucksack with a small photo tripod, which is half the point."},
						},
					},
					{
						Title:          "Binoculars for astronomy: 10x50 vs 15x70",
						StartedDaysAgo: 150,
						Posts: []demoPost{
							{Author: "chasing_comets", Body: `My 10x50s are great but I keep wishing for a bit more reach when a comet is faint. I'm looking at 15x70 binoculars.

Are they too heavy to hold? Do I absolutely need a tripod?`},
							{Author: "Zoë", Body: "15x70s are lovely on comets and the Milky Way, but you really do need a tripod or a monopod. Hand-held, everything dances at 15x."},
							{Author: "old_photon_dave", Body: "Try lying on a reclining garden chair with your elbows supported. Cheaper than a tripod and much better for your neck."},
							{Author: "chasing_comets", Subject: "Tripod adapters (was: 10x50 vs 15x70)", Body: "I bought the 15x70s. Now the next question: are the cheap L-bracket tripod adapters any good, or do they sag? Mine droops slowly towards the horizon."},
							{Author: "Maren K", Body: "The cheap ones sag. A metal adapter with a locking screw is much better. Also check the binoculars' own socket, the screw thread is sometimes loose inside the hinge."},
						},
					},
					{
						Title:          "Red flashlight that doesn't wreck dark adaptation",
						StartedDaysAgo: 30,
						Posts: []demoPost{
							{Author: "bortle8_ben", Body: "My red torch is so bright it leaves a purple blob in my vision for a minute. Is that normal, or do I need a dimmer one?"},
							{Author: "skywarden", Body: "You want one with a dimmer. At a star party the rule of thumb is: if you can read by it from across a field, it's too bright. Some layers of red cellophane over a normal torch work in a pinch."},
							{Author: "old_photon_dave", Body: "Point it at the ground, not at people. And especially not at my eyepiece."},
						},
					},
					{
						Title:          "Telrad vs red dot finder",
						StartedDaysAgo: 1,
						Posts: []demoPost{
							{Author: "first_scope_sam", Body: `My scope came with a small straight-through finder and I find it hard to use. I keep reading about reflex finders with rings or a red dot that you look through with both eyes open.

Which type is easier for a beginner? I'd like to be able to point at a star from the atlas and actually hit it.`},
							{Author: "old_photon_dave", Body: "A ring-type reflex finder is the best ten pounds I ever spent. The rings match the circles printed on a lot of star charts, so you can measure offsets from a bright star."},
							{Author: "bortle8_ben", Body: "I have the red dot type. It works, but the dot washes out if it's too bright. Turn it all the way down."},
							{Author: "Maren K", Body: "Many of us use both: a reflex finder to get close, then a small optical finder to get the exact spot. Start with the reflex one and see how you go, Sam."},
						},
					},
					{
						Title:          "Secondhand 200mm Dob: what to check before buying",
						StartedDaysAgo: 300,
						Posts: []demoPost{
							{Author: "orion_watcher", Body: `A friend of mine is looking at a used 200mm Dob listed locally and asked me to come along. I've only ever owned one scope.

What should we check on the spot?`},
							{Author: "old_photon_dave", Body: `Things I look at:
the mirror (dust is fine, scratches and peeling coating are not),
the base bearings (should move smoothly, not stick and jump),
the focuser (no slop when you wiggle it),
the secondary holder (not bent).

Dust on the mirror looks terrifying and doesn't matter. Don't let the seller clean it in front of you with a tissue.`},
							{Author: "Tomasz W", Body: "Bring a collimation cap and a torch. If the primary's adjustment screws are seized, budget for fixing them."},
							{Author: "orion_watcher", Body: "He bought it. Mirror was dusty but perfect, the base needed new pads. First light on M13 was a hit. Thanks for the checklist."},
						},
					},
					{
						Title:          "Barlow or shorter eyepiece?",
						StartedDaysAgo: 0,
						Posts: []demoPost{
							{Author: "first_scope_sam", Body: "Sorry for all the questions! Should I buy a 2x Barlow or a 6mm eyepiece for looking at Saturn? The 10mm that came with my scope makes it look tiny."},
							{Author: "jess_at_uni", Body: "Not sorry at all, this is what the forum is for. A decent Barlow doubles both of your eyepieces, so it's better value. That's what we did for the society scope."},
						},
					},
				},
			},
			{
				Title:       "Observing Reports",
				Description: "What you saw, where you saw it from, and what the sky was like: from quick notes to full session logs.",
				Topics: []demoTopic{
					{
						Title:          "What did you observe tonight? (running log)",
						StartedDaysAgo: 400,
						Posts: []demoPost{
							{Author: "Maren K", Body: `Starting a running log thread so the short reports don't each need their own topic. Post what you looked at, with what, and how the sky was. One line is fine.

I'll start: Andromeda and both companions, M32 and M110, from the garden with the 150mm refractor. Transparency decent, Bortle 4 at best. M110 was a faint smudge but definitely there.`},
							{Author: "old_photon_dave", Body: "Good idea. Double Cluster in the 200mm at 48x. Never gets old."},
							{Author: "Zoë", Body: "It's spring here, so I'm on the other side of the calendar. 47 Tucanae at 100x in the 10-inch, resolved right to the core. Sorry, northerners."},
							{Author: "orion_watcher", Body: "Veil Nebula, eastern arc, with the OIII filter. First time I've actually seen the braided structure rather than just \"something's there\"."},
							{Author: "lunar_linnea", Body: "Moon at first quarter. Sketched the Apennines and the shadow of Mons Piton, 127mm Mak at 150x. The seeing was good enough that I spent two hours on one crater chain."},
							{Author: "jess_at_uni", Body: "Saturn from the campus roof with the department's 8-inch. Cassini Division visible in moments of good seeing. Titan plus two other moons, Rhea and Tethys maybe?"},
							{Author: "Tomasz W", Body: "Jess, if they were close to the rings, Tethys and Dione are the usual suspects. Rhea tends to sit further out. Check a moon position calculator for that night to confirm."},
							{Author: "rms_or_bust", Body: "Not visual, but the camera looked at the Pacman Nebula for four hours. Guiding held at 0.6 arcsec all night, which for my backyard mount is practically a miracle."},
							{Author: "old_photon_dave", Body: "The thread says observe, not \"let the computer look\". Fine, it counts. Barely."},
							{Author: "skywarden", Body: "Triangulum Galaxy, M33, from the ranch site. Spiral arms with averted vision in the 12-inch. NGC 604 popped right out as a little knot."},
							{Author: "Maren K", Body: "Clouded out for a week, then finally: Uranus, a tiny blue-green disc at 200x. Took me an embarrassing fifteen minutes to find it."},
							{Author: "Zoë", Body: "Large Magellanic Cloud with 10x50s from the back step. The Tarantula is visible even without optics once you're properly dark adapted."},
							{Author: "jess_at_uni", Body: "Leonids were a bust from here, counted 6 in an hour. Clouds rolled in at 2 a.m. anyway."},
							{Author: "orion_watcher", Body: "Pleiades in the 10x50s, then M1 in the Dob. The Crab was a dim oval, no filaments of course, but it's nice to know what I'm looking at."},
							{Author: "lunar_linnea", Body: "Mars near opposition! Syrtis Major was obvious and I think I caught the north polar cap as a bright rim. 127mm at 180x, seeing 6/10."},
							{Author: "old_photon_dave", Body: "Mars here too. Polar cap confirmed, Syrtis Major, and Hellas bright near the limb. Forty years and this planet still tricks me into staying up."},
							{Author: "Tomasz W", Body: "Geminids from the edge of the city: 41 in 90 minutes, several bright ones with trains. Minus 8 outside, so I'm counting that as a heroic effort."},
							{Author: "Maren K", Body: "Geminids here too, 55 in two hours from the club field. One fireball lit up the whole field and everyone screamed like children."},
							{Author: "Zoë", Body: "Summer solstice down here, so it barely gets dark before ten. Still got the Eta Carinae Nebula in the 10-inch. The Keyhole was lovely."},
							{Author: "orion_watcher", Body: "Winter finally means my namesake: Orion Nebula at 60x, Trapezium with the E star visible. Seeing too mushy for F."},
							{Author: "skywarden", Body: "Horsehead! Finally, with an H-beta filter and 12 inches at the dark site. Just a dark notch in a faint glow, but I saw it with my own eyes and I'm not ashamed to say I cheered."},
							{Author: "jess_at_uni", Body: "Rosette Nebula in borrowed 15x70s? I think I saw the ring, but it might have been wishful thinking. The cluster in the middle was easy."},
							{Author: "old_photon_dave", Body: "Jess, the Rosette is a binocular object under dark skies, so you probably did. Trust what you see, write down what you doubt."},
							{Author: "lunar_linnea", Body: "Sketched the Orion Nebula for the first time. Smudging the pencil with a fingertip works surprisingly well for nebulosity."},
							{Author: "rms_or_bust", Body: "Flame and Horsehead together, six hours of data. Guiding was great until the wind picked up at 1 a.m. and RMS went to 1.4. Threw away 40 subs."},
							{Author: "Maren K", Body: "M35 with NGC 2158 in the same field. The compact little one in the corner always looks like a faint globular at first glance."},
							{Author: "Tomasz W", Body: "The Moon occulted a bright star tonight. Timed the disappearance at the dark limb: instantaneous, like someone flicked a switch."},
							{Author: "Zoë", Body: "Jupiter is low in the north for me now, but the Great Red Spot was on the meridian around 11 p.m. Very pale salmon this year."},
							{Author: "jess_at_uni", Body: "Galaxy season is coming. Leo Triplet in the department scope: M65 and M66 easy, NGC 3628 just a faint streak."},
							{Author: "orion_watcher", Body: "Leo Triplet here too. NGC 3628's dust lane is just about visible at 100x if you wait for it."},
							{Author: "skywarden", Body: "Messier marathon night. Got 97 before twilight ate M30. Next year."},
							{Author: "old_photon_dave", Body: "I got 89 and stopped for coffee. Coffee won."},
							{Author: "lunar_linnea", Body: "Earthshine on a thin crescent two days after new. The dark part of the disc was grey-blue, with Aristarchus glinting. Beautiful."},
							{Author: "Maren K", Body: "Whirlpool Galaxy, M51, from the club field. Spiral structure with averted vision in the 150mm. The bridge to NGC 5195 was more of a suggestion."},
							{Author: "Tomasz W", Body: "Coma galaxy cluster. Counted 14 smudges around NGC 4889 before my neck gave up."},
							{Author: "Zoë", Body: "Autumn down here: Centaurus A at 80x, dust lane crisp, then Omega Centauri right overhead. Genuinely hard to go to bed."},
							{Author: "rms_or_bust", Body: "Markarian's Chain in a widefield frame. Not an amazing night, but guiding at 0.55. I'll take it."},
							{Author: "jess_at_uni", Body: "Exam week, so just a quick look at the Moon between study sessions. Copernicus at sunrise. Better than coffee."},
							{Author: "orion_watcher", Body: "M13 is back! Saw the propeller feature at 200x. Honestly the best globular up here."},
							{Author: "old_photon_dave", Body: "M13 is fine. M5 is better. Fight me."},
							{Author: "Maren K", Body: "Not fighting, but M92 is the underrated one of the lot."},
							{Author: "lunar_linnea", Body: "Venus high in the evening sky at about 40% phase. Tried a blue filter, no cloud detail, but the shape was razor sharp."},
							{Author: "skywarden", Body: "Short nights now. Ring Nebula at 250x, and the central star came and went. Bortle 3 site, seeing excellent."},
							{Author: "Zoë", Body: "Winter solstice for us, so long nights. Sculptor Galaxy and the Helix Nebula in one session. The Helix is huge in the 10-inch with an OIII filter."},
							{Author: "Tomasz W", Body: "Noctilucent clouds tonight around 11 p.m., electric blue ripples low in the north. Not astronomy strictly, but it's the edge of space, close enough."},
							{Author: "jess_at_uni", Body: "Summer break means actual observing. Lagoon and Trifid in the same low-power field. Swan Nebula next."},
							{Author: "rms_or_bust", Body: "Eagle Nebula, the Pillars, eight hours of narrowband across three nights. Total RMS averaged 0.48 arcsec. I am unbearable today."},
							{Author: "old_photon_dave", Body: "You are unbearable every day. Nice Pillars though."},
							{Author: "orion_watcher", Body: "Milky Way through Sagittarius with just my eyes from the dark site. The Great Rift through Cygnus as clear as anything."},
							{Author: "Maren K", Body: "Perseids: 72 in two hours at the club field. Peak was a bit past midnight. Sorry to everyone stuck under clouds."},
							{Author: "lunar_linnea", Body: "Perseids kept interrupting my lunar sketching session. Not complaining."},
							{Author: "Zoë", Body: "No Perseids to speak of down here, but the Jewel Box and the Southern Pleiades kept me busy."},
							{Author: "skywarden", Body: "Saturn well placed again. The rings are noticeably thinner than last year, and the shadow of the globe on the rings was obvious at 180x."},
							{Author: "jess_at_uni", Body: "Jupiter rising before midnight: two moon shadows on the disc at once! Io and Europa, I think."},
							{Author: "Tomasz W", Body: "Double shadow transit confirmed by the calculator. Well caught, Jess."},
							{Author: "orion_watcher", Body: "Comet visible in the 10x50s, a faint fuzzy with a hint of tail pointing away from the Sun. Magnitude 8 maybe."},
							{Author: "old_photon_dave", Body: "Got the comet too. The coma looked slightly green in the Dob. Don't expect it to be the comet of the century though."},
							{Author: "rms_or_bust", Body: "Comet: 60 subs of 30 seconds, stacked on the nucleus. The ion tail shows up faint blue. Guiding off for this one, the mount tracked the comet instead."},
							{Author: "Maren K", Body: "Back to autumn, so the year's loop is complete. Andromeda again, and M110 is still a smudge. Some things don't change."},
							{Author: "lunar_linnea", Body: "Sketched the Straight Wall at sunrise. It's just a pencil line of light, but what a line."},
							{Author: "Zoë", Body: "Spring again here. The Tarantula Nebula at 120x with OIII, a mass of filaments. Guess where my vote for object of the year goes."},
							{Author: "jess_at_uni", Body: "Took my intro astronomy tutorial group out to see the Moon. Half of them had never looked through a telescope. Best night of the semester."},
							{Author: "skywarden", Body: "Veil with OIII again, this time Pickering's Triangle between the two arcs. Never seen it so clearly."},
							{Author: "old_photon_dave", Body: "Andromeda's dust lanes at 40x in the 200mm. Clean optics, good sky, cold feet. Perfect."},
							{Author: "orion_watcher", Body: "NGC 7331 and the Deer Lick Group. The companions were beyond me, but the main galaxy had a bright core and an obvious tilt."},
							{Author: "Tomasz W", Body: "Mira near maximum: an obvious orange star where there's usually nothing. Fun to show visitors."},
							{Author: "Maren K", Body: "Meteor shower season again soon. Anyone planning proper counts this year?"},
							{Author: "rms_or_bust", Body: "I'll be imaging the radiant region all night, so technically yes."},
							{Author: "lunar_linnea", Body: "Uranus at opposition in the 127mm at 250x, clearly a disc. It still thrills me that it's a world nobody knew about until the 1700s."},
							{Author: "jess_at_uni", Body: "Quick one: Jupiter's Great Red Spot, seeing 7/10, festoons along the equatorial belt. Going to bed happy."},
						},
					},
					{
						Title:          "Veil Nebula with an OIII filter: wow",
						StartedDaysAgo: 1000,
						Posts: []demoPost{
							{Author: "Maren K", Body: `I finally bought an OIII filter after years of hearing people rave about it, and took it to the club field last night.

Without the filter, the eastern Veil was a faint hint of something next to 52 Cygni. With it, the whole arc jumped out, twisted like rope, with darker gaps between the strands. I actually said "oh!" out loud.

Then the Western Veil, the Witch's Broom, running right through the bright star. And then, because I couldn't stop, the Ring and the Dumbbell.

If you have a scope of 150mm or more and dark-ish skies, I can't recommend this filter enough. It's the biggest single upgrade I've made to my visual kit.`},
							{Author: "old_photon_dave", Body: "Welcome to the club. The Veil in an OIII at a dark site is one of the handful of views that made me a lifer. Now try Pickering's Triangle between the two arcs."},
							{Author: "Tomasz W", Body: "Great report. Does it help much on the Dumbbell? I've found it makes the 'apple core' shape much easier to see but dims the stars a lot."},
							{Author: "Maren K", Body: "Exactly that, Tomasz. Nebula brighter, stars dimmer. I flip it in and out now, which is its own kind of fun."},
						},
					},
					{
						Title:          "Globular season: M13 vs M92",
						StartedDaysAgo: 1200,
						Posts: []demoPost{
							{Author: "old_photon_dave", Body: `Annual reminder that while everybody points their scopes at M13, M92 is sitting just a short hop away, slightly smaller, a bit more concentrated, and every bit as pretty.

In the 200mm at 150x last night M92 resolved nicely to the core under good seeing. M13 showed the "propeller" dark lanes after a few minutes.

Both worth a look. But have a look at M92 first this year, for me.`},
							{Author: "skywarden", Body: "I did as I was told. M92 is lovely, though M13 still wins for sheer number of stars in the eyepiece. Sorry, Dave."},
							{Author: "Maren K", Body: "I'd never noticed how much brighter M92's core is. Thanks for the nudge."},
						},
					},
					{
						Title:          "Southern sky report: Omega Centauri and the Jewel Box",
						StartedDaysAgo: 620,
						Posts: []demoPost{
							{Author: "Zoë", Body: `Promised the northern folk some southern reports, so here's last night from the back step. Bortle 2, no Moon, seeing about 7/10, 10-inch Dob.

Omega Centauri first, high overhead. There's no way to describe it that doesn't sound like exaggeration. At 100x it fills the field with thousands of stars, and the core resolves under averted vision. It makes M13 look like a warm-up.

Then the Jewel Box next to Beta Crucis: a tight little cluster with one obvious red star among the blue-white ones. Just off to the side is the Coalsack, a dark hole in the Milky Way that's obvious to the naked eye.

Finished with Eta Carinae and the Keyhole, and then went to bed grinning.`},
							{Author: "orion_watcher", Body: "Pure jealousy here. Omega Centauri barely scrapes my southern horizon, a fuzzy ball in the murk if I'm lucky."},
							{Author: "old_photon_dave", Body: "I saw Omega Centauri properly once, on a trip south many years ago. I still think about it. Great report."},
							{Author: "Maren K", Body: "Please keep these coming, Zoë. They're the closest most of us will get to those skies."},
						},
					},
					{
						Title:          "Jupiter's Great Red Spot transit, seeing 8/10",
						StartedDaysAgo: 330,
						Posts: []demoPost{
							{Author: "lunar_linnea", Body: `Once a year or so the atmosphere behaves itself. Last night was it.

Jupiter at 230x in the 127mm Mak, Great Red Spot crossing the central meridian just after 11 p.m. It was a definite pale orange oval sitting in its "hollow" in the South Equatorial Belt. I could see a dark barge in the North Equatorial Belt and the festoons hanging into the equatorial zone.

I managed a full-disc sketch before the seeing turned to soup again about forty minutes later.`},
							{Author: "jess_at_uni", Body: "Same night here! The roof SCT showed the GRS as more pink than orange. Is that just colour perception, or the optics?"},
							{Author: "rms_or_bust", Body: "Probably both. Camera white balance swings it all over the place too. The GRS genuinely varies in colour from year to year."},
							{Author: "Tomasz W", Body: "Seeing that good is a gift. Lovely sketch, Linnea."},
						},
					},
					{
						Title:          "Perseids: two nights of counting",
						StartedDaysAgo: 260,
						Posts: []demoPost{
							{Author: "jess_at_uni", Body: `Our society did a proper meteor count for the Perseids this year: six of us on reclining chairs, each watching a different part of the sky, counting every two minutes.

Night one: 38 per hour at the best, lots of faint ones.
Night two (peak): 64 in the best hour, including a brilliant fireball that left a green train for several seconds.

Lessons learned: bring more blankets than you think, and keep the snacks away from the person who says they're "just resting their eyes".`},
							{Author: "Maren K", Body: "Great numbers and great organisation. Sending counts to a meteor organisation makes them scientifically useful, if you're not already doing that."},
							{Author: "Zoë", Body: "Radiant barely rises for me, so I got a grand total of two. Enjoy your northern meteor shower."},
							{Author: "skywarden", Body: "The resting-their-eyes person exists in every club. We have three."},
						},
					},
					{
						Title:          "Comet watch: our latest naked-eye(ish) visitor",
						StartedDaysAgo: 120,
						Posts: []demoPost{
							{Author: "chasing_comets", Body: `Starting a thread for the comet currently in the evening sky, since people keep asking where and how to see it.

It's low in the west after sunset, around magnitude 6 to 7 and slowly brightening. From a dark site it's just about visible to the naked eye with averted vision. In 10x50 binoculars it's an obvious fuzzy ball with a short tail pointing up and away from where the Sun set.

Post your sightings here, please! Especially from different latitudes.`},
							{Author: "rms_or_bust", Body: "Imaged it last night: a blue-green coma and a thin ion tail about two degrees long in the stack. Some wonderful structure in the tail."},
							{Author: "Zoë", Body: "It's very low for us down south, lost in the twilight. I'll try again next week when it climbs."},
							{Author: "lunar_linnea", Body: "I sketched it in binoculars. Comets are surprisingly hard to draw: the coma has no edge."},
							{Author: "old_photon_dave", Body: "Nice visitor. I've seen maybe thirty comets, and the ones that aren't hyped are usually the ones that surprise you."},
							{Author: "chasing_comets", Subject: "Ion tail vs dust tail (was: comet watch)", Body: "Question for the photographers: in the pictures there are two tails, a straight blue one and a curved whitish one. Is that the ion tail and dust tail? Why do they point in different directions?"},
							{Author: "rms_or_bust", Body: "Yes. The blue ion tail is blown straight back by the solar wind, so it points directly away from the Sun. The dust tail is heavier and lags along the comet's orbit, which is why it curves."},
						},
					},
					{
						Title:          "Saturn's rings closing up",
						StartedDaysAgo: 450,
						Posts: []demoPost{
							{Author: "Tomasz W", Body: "Anyone else noticed how narrow Saturn's rings look this season? We're heading towards edge-on. It's a strange, flat look after years of them being wide open."},
							{Author: "old_photon_dave", Body: "Last time it happened I watched them shrink to a thin line and vanish for a night or two. Worth following through the season. And the moons are easier to spot near the plane when the rings are thin."},
							{Author: "lunar_linnea", Body: "I've started a monthly sketch series of the ring tilt. I'll post the set when it's done."},
							{Author: "orion_watcher", Body: "Good excuse to finally look for Enceladus and Mimas, which are usually lost in the glare."},
						},
					},
					{
						Title:          "First light report from the balcony",
						StartedDaysAgo: 6,
						Posts: []demoPost{
							{Author: "bortle8_ben", Body: `Took the advice from my intro thread and bought a 102mm refractor on a simple alt-az mount. First light from the balcony last night.

Moon: incredible, I could have stayed for hours.
Jupiter: four moons and two belts!
Albireo: gold and blue, as promised by Dave.
Pleiades: nice, though the orange sky washes out the faint ones.

Tried for the Orion Nebula at 2 a.m. and could see the Trapezium and a grey glow around it. From the middle of the city! Very happy.`},
							{Author: "Maren K", Body: "That's a fantastic first night, Ben. The Orion Nebula from Bortle 8 is a proper achievement."},
							{Author: "lunar_linnea", Body: "Told you the Moon would win you over."},
						},
					},
				},
			},
			{
				Title:       "Astrophotography",
				Description: "Cameras, guiding, stacking and processing, and the pictures that made the cold nights worth it.",
				Topics: []demoTopic{
					{
						Title:          "Processing glossary: stacking, darks, flats and bias",
						Kind:           TopicSticky,
						StartedDaysAgo: 950,
						Posts: []demoPost{
							{Author: "rms_or_bust", Body: `Since the same terms come up in every thread, here's a short glossary. Corrections welcome.

Light frames (subs): your actual exposures of the target.
Darks: exposures with the cap on, same length and temperature as the lights. They remove thermal noise and hot pixels.
Flats: exposures of an evenly lit surface through the same optics. They remove dust shadows and vignetting.
Bias: the shortest possible exposures with the cap on. They capture the camera's read-out signal.
Stacking: aligning and averaging many subs to improve signal-to-noise.
Guiding: using a second small camera and scope to correct the mount's tracking errors during exposures.
RMS: the average guiding error, usually in arcseconds. Smaller is better, and yes, I'm obsessed with it.

The golden rule: don't touch the focus or rotate the camera between your lights and your flats.`},
							{Author: "Maren K", Body: "Stuck. Very useful, thanks. Maybe add a line on dithering?"},
							{Author: "Tomasz W", Body: "Dithering: moving the mount by a few pixels between subs so that noise patterns don't line up when stacked. Makes a bigger difference than people expect."},
						},
					},
					{
						Title:          "Guiding RMS from 1.2 to 0.5 arcsec: what I changed",
						StartedDaysAgo: 700,
						Posts: []demoPost{
							{Author: "rms_or_bust", Body: `Six months ago my total RMS was hovering at 1.2 arcsec on a good night. Last night it stayed under 0.5 for four hours. Here's everything I changed, roughly in order of how much it helped.

1. Balance. I balanced the mount slightly east-heavy so the RA gear always stays engaged. Biggest single improvement.
2. Polar alignment. I was "close enough". I'm now within one arcminute, checked every session.
3. Cable management. Loose USB cables were tugging on the scope as it tracked. Everything is tied down with a loop of slack now.
4. Backlash in declination. I adjusted the gear mesh and told the guiding software to guide in one direction only.
5. Guide exposures. Went from 1 second to 2.5 seconds to average out the seeing.

Tiny things, but they stack up. Happy to answer questions.`},
							{Author: "Maren K", Body: "Fantastic write-up. The east-heavy trick fixed my mount too. Saved to my bookmarks."},
							{Author: "old_photon_dave", Body: "Or, hear me out, you could look through the eyepiece and not need any of this."},
							{Author: "Zoë", Body: "Dave, let him have this. And the cable point applies to visual observers with motorised mounts too."},
							{Author: "rms_or_bust", Body: "Thanks Zoë. And Dave, I do look through an eyepiece sometimes. While the camera is working."},
						},
					},
					{
						Title:          "Orion Nebula: how do you not blow out the core?",
						StartedDaysAgo: 560,
						Posts: []demoPost{
							{Author: "orion_watcher", Body: "First attempt at M42 with a DSLR on a tracking mount. The faint outer wings look decent, but the Trapezium region is a white blob. How do people keep detail in the core?"},
							{Author: "rms_or_bust", Body: `Classic M42 problem. The nebula's brightness range is enormous.

Take two or three sets of exposures: short ones (5 to 10 seconds) for the core, medium for the middle, long for the faint outer dust. Stack each set separately, then blend them with masks, or use an HDR tool. The core comes from the short stack, the rest from the long ones.`},
							{Author: "Maren K", Body: "And don't push the stretch too hard. A gentle curve keeps the core from clipping."},
							{Author: "orion_watcher", Body: "Shot 10-second subs for the core last night and blended them. The Trapezium stars are visible now! Thank you both."},
						},
					},
					{
						Title:          "Phone through the eyepiece: Moon shots",
						StartedDaysAgo: 400,
						Posts: []demoPost{
							{Author: "lunar_linnea", Body: `For those without a dedicated camera: I've been taking Moon pictures by holding my phone up to the 25mm eyepiece, and with a cheap phone clamp they're surprisingly good.

Tips: lock the focus and exposure on the Moon, lower the exposure a lot, and take short video clips rather than single shots. You can stack the best frames afterwards with free software.`},
							{Author: "jess_at_uni", Body: "Tried this with the society's SCT. Got a lovely shot of Clavius and the crater chain beside it. Phone astrophotography is addictive."},
							{Author: "skywarden", Body: "A phone clamp is the best cheap accessory nobody talks about. Great tips."},
						},
					},
					{
						Title:          "Milky Way core from a Bortle 2 site",
						StartedDaysAgo: 380,
						Posts: []demoPost{
							{Author: "Zoë", Body: `Winter here means the galactic core is high in the sky at a civilised hour. Went out to a dark site and shot a panorama of the core with a camera on a small tracker, 14mm lens, 30 x 2 minutes per panel.

The dust lanes around Rho Ophiuchi came out beautifully and you can see the Lagoon and Trifid as pink dots. Still processing, but I'm happy with it.`},
							{Author: "rms_or_bust", Body: "Rho Oph from a Bortle 2 site is the dream. What's the tracker's polar alignment like at 14mm? Probably doesn't matter much at that focal length, right?"},
							{Author: "jess_at_uni", Body: "I didn't know you could capture the Lagoon with just a camera lens. Adding it to my wish list."},
							{Author: "Maren K", Body: "Post the final version when it's ready, please. We'll make it the banner for the club newsletter if you let us."},
						},
					},
					{
						Title:          "Star trails and satellite streaks",
						StartedDaysAgo: 90,
						Posts: []demoPost{
							{Author: "chasing_comets", Body: "Tried my first star trail image: two hours of 30-second frames, all combined. Looks nice, but there are at least twenty satellite streaks. Is there a way to remove them?"},
							{Author: "rms_or_bust", Body: "For deep-sky stacks, sigma-clipping rejects them automatically. For star trails it's harder, since you want the trails. Remove the satellites from individual frames with a clone tool before combining, or skip the frames that have them."},
							{Author: "old_photon_dave", Body: "When I started out there were maybe two satellites an hour. Now it's a traffic jam. Grumble."},
						},
					},
					{
						Title:          "Guiding cable snagged and I lost a whole night",
						StartedDaysAgo: 4,
						Posts: []demoPost{
							{Author: "rms_or_bust", Body: `A cautionary tale from the man who wrote the guiding thread.

Perfect night. Clear, steady, no Moon. I set everything up, started a ten-hour sequence on the Heart Nebula, and went to bed. At 1 a.m. the guide camera cable caught on the tripod leg during the meridian flip. The camera kept shooting for six more hours of star trails.

Check your cables. Then check them again. I'm going to go and quietly sit in the corner now.`},
							{Author: "Tomasz W", Body: "Painful. Some capture software can abort the sequence if the guide error goes above a threshold. Worth turning on."},
							{Author: "bortle8_ben", Body: "If it happens to the cable guy, what hope do the rest of us have?"},
							{Author: "old_photon_dave", Body: "My eyepiece has never once snagged its cable. Just saying."},
						},
					},
				},
			},
		},
	},
	{
		Title: "Club Life",
		Forums: []demoForum{
			{
				Title:       "Star Parties & Meetups",
				Description: "Club observing nights, star parties, outreach events and sharing a ride to the dark site.",
				Topics: []demoTopic{
					{
						Title:          "Star party etiquette: white lights, headlights, lasers",
						Kind:           TopicSticky,
						StartedDaysAgo: 1100,
						Posts: []demoPost{
							{Author: "Maren K", Body: `Before every star party, a friendly reminder of the basics. Most newcomers simply don't know, so please be kind when you explain.

Lights: red only, and dim. No white torches, no phone screens at full brightness.
Cars: arrive before dark if you can. If you must arrive or leave after dark, use parking lights only and drive slowly.
Lasers: only with permission from the organiser, and never near aircraft.
Equipment: ask before touching someone else's telescope. Most owners will say yes.
Children: very welcome! Just keep them close to the path.

That's it. Have fun.`},
							{Author: "skywarden", Body: "Stuck. And please, nobody open the car boot with the interior light on. We've all done it once."},
							{Author: "old_photon_dave", Body: "I have done it more than once. The glares haunt me."},
						},
					},
					{
						Title:          "Summer Star Party at Cedar Flats: sign-ups",
						Locked:         true,
						StartedDaysAgo: 780,
						Posts: []demoPost{
							{Author: "Maren K", Body: `Our summer star party is on at Cedar Flats again: three nights around new moon, Bortle 2, hot showers (this year, allegedly).

Reply here to sign up, and say whether you're camping or staying in town, what telescope you're bringing, and whether you can help at the public night on Saturday.`},
							{Author: "skywarden", Body: "Signing up. Camping, bringing the 12-inch, happy to help Saturday."},
							{Author: "old_photon_dave", Body: "Camping. 200mm Dob, chair, coffee. Will help if nobody makes me use a laser pointer."},
							{Author: "Tomasz W", Body: "Driving over with the 150mm refractor. Staying in town, so I'll be the one arriving with parking lights only."},
							{Author: "rms_or_bust", Body: "Camping with the imaging rig. I'll set up at the far end so my laptop screen doesn't bother anyone."},
							{Author: "Zoë", Body: "Wrong hemisphere, wrong season, but have a wonderful time. Post photos!"},
							{Author: "Maren K", Body: "The star party is over. Thank you to everyone who came, helped or sent snacks: 140 visitors on the public night and three clear nights in a row. Locking this thread. Photos are very welcome over in Astrophotography."},
						},
					},
					{
						Title:          "Autumn public outreach night at the library",
						StartedDaysAgo: 200,
						Posts: []demoPost{
							{Author: "Tomasz W", Body: `The town library has asked us to run a public observing night on their lawn in October. They'll handle publicity and hot drinks; we bring the telescopes and enthusiasm.

We need about six scopes and a couple of people to run a short indoor talk in case of cloud. Volunteers?`},
							{Author: "jess_at_uni", Body: "I can bring the society's Dob and two students, and I'm happy to give the cloudy-night talk. I have slides on the life cycle of stars."},
							{Author: "lunar_linnea", Body: "I'll bring the Mak and point it at the Moon, which will be a fat crescent that night. The public loves craters."},
							{Author: "Tomasz W", Body: "Perfect, thank you both. That's four scopes so far."},
						},
					},
					{
						Title:          "Messier marathon attempt this spring?",
						StartedDaysAgo: 40,
						Posts: []demoPost{
							{Author: "old_photon_dave", Body: `New moon falls right on the best weekend for a Messier marathon this year. Who's in?

For the newer folk: the idea is to see all 110 Messier objects in one night, starting with the galaxies low in the west at dusk and ending with M30 in the morning twilight. Nobody I know has got all 110 from our latitude, but getting into the 90s is a fine night out.`},
							{Author: "jess_at_uni", Body: "In! I've never tried. Is it realistic with a 200mm Dob and a paper atlas?"},
							{Author: "old_photon_dave", Body: "That's exactly what I use. Practise the hops for the Virgo cluster beforehand. That's where people lose an hour."},
							{Author: "bortle8_ben", Body: "I'll come along and do the bright ones with whatever scope I end up buying. Even 40 would be a personal record for me."},
							{Author: "Zoë", Body: "You can actually do most of them from around 20 degrees south, but not from 33. Good luck to you all."},
						},
					},
					{
						Title:          "Carpooling to the dark site this weekend",
						StartedDaysAgo: 2,
						Posts: []demoPost{
							{Author: "Maren K", Body: "Forecast looks promising for Saturday. Anyone need or offer a lift to the club's dark site? I have room for one person and a small telescope."},
							{Author: "bortle8_ben", Body: "I'd love a lift if there's still room. My refractor fits in a backpack."},
							{Author: "first_scope_sam", Body: "Would it be possible for me to come along too? My Dob is too big for my little car. I can pay for fuel!"},
							{Author: "orion_watcher", Body: "I can take Sam and the Dob. The back seats fold flat and I've carried a 200mm in there before. I'll message you."},
						},
					},
				},
			},
			{
				Title:       "Light Pollution & Dark Skies",
				Description: "Measuring your sky, talking to neighbours and councils, and keeping the night dark.",
				Topics: []demoTopic{
					{
						Title:          "Measuring your sky: SQM readings and the Bortle class",
						StartedDaysAgo: 820,
						Posts: []demoPost{
							{Author: "Tomasz W", Body: `I've been logging sky brightness with a handheld sky quality meter for a year now, and thought the numbers might interest people.

From the garden I usually get 19.8 to 20.2 magnitudes per square arcsecond, roughly Bortle 5. At the club field, 21.3 on a good night, which is about Bortle 3. The difference in what you can see is enormous: at 20 the Milky Way is a faint band, at 21.3 it casts structure.

If you don't have a meter, counting the stars you can see inside a known constellation gives a decent estimate too.`},
							{Author: "Maren K", Body: "Interesting that your garden readings vary so much. Humidity and the state of the local sports field lights make a big difference here."},
							{Author: "Zoë", Body: "I regularly get 21.7 to 21.8 out here. Not bragging. Well, a little."},
							{Author: "old_photon_dave", Body: "My sky was 21 when I started observing. Now it's 19.5. That's the real story in these numbers."},
						},
					},
					{
						Title:          "Neighbour installed a 5000K floodlight",
						StartedDaysAgo: 20,
						Posts: []demoPost{
							{Author: "bortle8_ben", Body: `Just as I was about to buy my first telescope, the building across the courtyard installed a huge white floodlight pointing straight up the wall. It's on all night.

Has anyone successfully asked a neighbour or building manager to change a light? I don't want to start a feud.`},
							{Author: "Maren K", Body: "It often works if you frame it as saving them money and helping them sleep. A shielded, warmer, motion-activated light is cheaper to run and just as secure. Bring a printed example of a good fixture."},
							{Author: "old_photon_dave", Body: "Be polite, be patient, and don't mention telescopes first. Most people simply have never thought about it."},
							{Author: "skywarden", Subject: "Letter template for the council (was: floodlight)", Body: `Following Ben's thread, here's a short letter template that's worked for a couple of members writing to the council or a building manager. Adapt as needed.

"Dear Sir or Madam, I'm a resident at (your address). The new floodlight at (location) shines upwards and into neighbouring windows throughout the night. A fully shielded, warm-white fixture on a motion sensor would provide the same security while using less energy and reducing glare for residents. I'd be grateful if you could consider this. Kind regards."`},
						},
					},
				},
			},
			{
				Title:       "Off Topic",
				Description: "Everything else: cloudy-night hobbies, books, coffee and chat.",
				Topics: []demoTopic{
					{
						Title:          "Coffee or tea at 3 a.m.?",
						StartedDaysAgo: 1000,
						Posts: []demoPost{
							{Author: "skywarden", Body: "Settling an argument from the last star party. What's in your flask at 3 a.m.?"},
							{Author: "old_photon_dave", Body: "Coffee, black, strong enough to stand a spoon in."},
							{Author: "Maren K", Body: "Peppermint tea. I want to sleep when I get home."},
							{Author: "Tomasz W", Body: "Hot chocolate. Nobody ever regrets hot chocolate at minus five."},
						},
					},
					{
						Title:          "What's your cloudy-night hobby?",
						StartedDaysAgo: 400,
						Posts: []demoPost{
							{Author: "orion_watcher", Body: "Three weeks of cloud here. What do you all do when the sky won't cooperate? I've been reorganising my eyepiece case for the fourth time."},
							{Author: "lunar_linnea", Body: "I turn my rough pencil sketches into clean drawings. Rainy evenings are perfect for it."},
							{Author: "old_photon_dave", Body: "Complain about the weather on astronomy forums. Obviously."},
							{Author: "jess_at_uni", Body: "Problem sets. Sadly, not by choice."},
						},
					},
					{
						Title:          "Best astronomy books you've read",
						StartedDaysAgo: 300,
						Posts: []demoPost{
							{Author: "jess_at_uni", Body: "Looking for something to read over the break that isn't a textbook. Observing guides, history, novels, anything. What do you recommend?"},
							{Author: "old_photon_dave", Body: "A good printed star atlas. I'm serious. You'll read it more than any novel."},
							{Author: "Zoë", Body: "Anything about the history of southern sky mapping. The story of how the southern constellations got their odd names (a telescope, an air pump, a chisel!) is brilliant."},
							{Author: "Maren K", Body: "A book of observing essays, one object per chapter. Perfect for reading a chapter on a cloudy night and trying the object on the next clear one."},
						},
					},
					{
						Title:          "Tonight's sunset was ridiculous",
						StartedDaysAgo: 0,
						Posts: []demoPost{
							{Author: "chasing_comets", Body: "Not astronomy, but that sunset tonight: deep red, then purple, with a thin crescent Moon and Venus right above it. Anyone else catch it?"},
							{Author: "first_scope_sam", Body: "Yes! I saw it from the car park at work. I didn't know the bright one was Venus until now."},
						},
					},
				},
			},
		},
	},
}
