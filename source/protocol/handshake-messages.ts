// The messages of the handshake (docs/protocol.md, "Handshake"). They are the
// only ones accepted before AuthAccepted.
import * as v from 'valibot';
import {bytesOfLength, text, uint} from './schema-helpers.js';

export const protocolVersion = 1;
export const nonceLength = 32;
export const proofLength = 32;
export const maxNameBytes = 64;

export const roleSchema = v.picklist(['client', 'worker']);
export type Role = v.InferOutput<typeof roleSchema>;

export const helloSchema = v.object({
	type: v.literal('Hello'),
	role: roleSchema,
	name: text(maxNameBytes),
	// Checked after validation so a mismatch gets its own error code.
	protocol: uint,
	nonce: bytesOfLength(nonceLength),
});

export const welcomeSchema = v.object({
	type: v.literal('Welcome'),
	role: roleSchema,
	daemon: v.literal('spool'),
	version: v.string(),
	protocol: uint,
});

export const authChallengeSchema = v.object({
	type: v.literal('AuthChallenge'),
	nonce: bytesOfLength(nonceLength),
});

export const authResponseSchema = v.object({
	type: v.literal('AuthResponse'),
	proof: bytesOfLength(proofLength),
});

export const authAcceptedSchema = v.variant('accepted', [
	v.object({type: v.literal('AuthAccepted'), accepted: v.literal(true), proof: bytesOfLength(proofLength)}),
	v.object({type: v.literal('AuthAccepted'), accepted: v.literal(false)}),
]);

/** An error outside any request (during the handshake, or for a frame without an id). */
export const handshakeErrorSchema = v.object({
	type: v.literal('Error'),
	code: v.string(),
	message: v.optional(v.string(), ''),
});
