'use strict';
// The five gRPC backends as the gateway sees them: one client each, found the Aspire way
// (services__{name}__grpc__0), and one function per part that turns a call into the gateway's section.

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protoDirectory = process.env.PROTO_DIR ?? path.resolve(__dirname, '../../../../services/Contracts/Protos');

// Numbers rather than Long objects: member and post ids fit in a double, and the gateway writes them as numbers.
const definition = grpc.loadPackageDefinition(protoLoader.loadSync(
  ['members.proto', 'experience.proto', 'network.proto', 'skills.proto', 'activity.proto'],
  { includeDirs: [protoDirectory], keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true },
)).profiles;

/** The address Aspire hands a resource's consumers, as a grpc-js target (host:port). */
function targetOf(service) {
  const variable = `services__${service}__grpc__0`;
  const address = process.env[variable];
  if (!address) {
    throw new Error(`${variable} is not set: the peer needs every backend's gRPC address, as the AppHost gives the gateway.`);
  }

  const url = new URL(address);
  if (url.protocol !== 'http:') {
    throw new Error(`${variable} is ${address}: the backends speak plaintext HTTP/2 (h2c) on loopback.`);
  }

  return url.host;
}

function client(service, Client) {
  return new Client(targetOf(service), grpc.credentials.createInsecure());
}

const clients = {
  members: client('members', definition.members.v1.Members),
  experience: client('experience', definition.experience.v1.Experience),
  network: client('network', definition.network.v1.Network),
  skills: client('skills', definition.skills.v1.Skills),
  activity: client('activity', definition.activity.v1.Activity),
};

const degrees = {
  DEGREE_SELF: 'self',
  DEGREE_FIRST: '1st',
  DEGREE_SECOND: '2nd',
  DEGREE_THIRD: '3rd',
  DEGREE_OUT_OF_NETWORK: 'out-of-network',
};

function timestamp(value) {
  return value ? new Date(value.seconds * 1000 + Math.floor(value.nanos / 1e6)).toISOString() : null;
}

function yearMonth(value) {
  return value ? `${String(value.year).padStart(4, '0')}-${String(value.month).padStart(2, '0')}` : null;
}

/**
 * A unary call as a promise that the signal cancels. grpc-js reports a cancelled call as status
 * CANCELLED, which rejects the promise like any other failure; the caller tells them apart.
 */
function unary(method, request, options, signal) {
  return new Promise((resolve, reject) => {
    const call = method(request, options.metadata, { deadline: options.deadline }, (error, reply) => (error ? reject(error) : resolve(reply)));
    signal.addEventListener('abort', () => call.cancel(), { once: true });
  });
}

/** The first `posts` posts of the stream, then a cancel: the service stops producing a feed nobody reads. */
function firstPosts(request, posts, options, signal) {
  return new Promise((resolve, reject) => {
    const call = clients.activity.streamPosts(request, options.metadata, { deadline: options.deadline });
    const taken = [];
    let settled = false;
    const settle = (action) => {
      if (!settled) {
        settled = true;
        action();
      }
    };
    signal.addEventListener('abort', () => call.cancel(), { once: true });
    call.on('data', (post) => {
      taken.push({ postId: post.postId, text: post.text, postedAt: timestamp(post.postedAt), reactions: post.reactions, comments: post.comments });
      if (taken.length === posts) {
        settle(() => resolve({ posts: taken }));
        call.cancel();
      }
    });
    call.on('error', (error) => settle(() => reject(error)));
    call.on('end', () => settle(() => resolve({ posts: taken })));
  });
}

/** The five parts in the gateway's order; members is the one without which there is no profile. */
const parts = [
  {
    name: 'members',
    required: true,
    fetch: async (query, options, signal) => {
      const card = await unary(clients.members.getMember.bind(clients.members), { memberId: query.memberId }, options, signal);
      return {
        memberId: card.memberId, firstName: card.firstName, lastName: card.lastName, headline: card.headline,
        location: card.location, industry: card.industry, avatarUrl: card.avatarUrl,
      };
    },
  },
  {
    name: 'experience',
    required: false,
    fetch: async (query, options, signal) => {
      const reply = await unary(clients.experience.getExperience.bind(clients.experience), { memberId: query.memberId }, options, signal);
      return {
        positions: reply.positions.map((position) => ({
          title: position.title, company: position.company, location: position.location,
          start: yearMonth(position.start), end: yearMonth(position.end), description: position.description,
        })),
        education: reply.education.map((education) => ({
          school: education.school, degree: education.degree, fieldOfStudy: education.fieldOfStudy,
          startYear: education.startYear, endYear: education.endYear,
        })),
      };
    },
  },
  {
    name: 'network',
    required: false,
    fetch: async (query, options, signal) => {
      const reply = await unary(clients.network.getNetwork.bind(clients.network), { memberId: query.memberId, viewerId: query.viewerId }, options, signal);
      return {
        connections: reply.connectionCount, followers: reply.followerCount, degree: degrees[reply.degree] ?? 'unknown',
        mutualConnectionCount: reply.mutualConnectionCount,
        mutualConnections: reply.mutualConnections.map((mutual) => ({
          memberId: mutual.memberId, name: mutual.name, headline: mutual.headline, online: mutual.online, lastSeen: timestamp(mutual.lastSeen),
        })),
      };
    },
  },
  {
    name: 'skills',
    required: false,
    fetch: async (query, options, signal) => {
      const reply = await unary(clients.skills.getSkills.bind(clients.skills), { memberId: query.memberId }, options, signal);
      return { skills: reply.skills.map((skill) => ({ name: skill.name, endorsements: skill.endorsements })) };
    },
  },
  {
    name: 'activity',
    required: false,
    fetch: (query, options, signal) => firstPosts({ memberId: query.memberId }, query.posts, options, signal),
  },
];

module.exports = { parts, status: grpc.status, Metadata: grpc.Metadata };
