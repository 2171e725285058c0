/**
 * A sigma.js edge drawn dashed: the graph's dead links. It is sigma's rectangle edge (same
 * attributes, so the same data fills it) with two more things in its shaders: the vertex shader
 * passes on how far along the edge a fragment is, in screen pixels, and the fragment shader
 * leaves out every other stretch of DASH_PIXELS. Picking (hover) still sees the whole edge.
 */

import { EdgeRectangleProgram } from 'sigma/rendering';
import type { Attributes } from 'graphology-types';
import type { RenderParams } from 'sigma/types';

const DASH_PIXELS = 5;

const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_normal;
attribute float a_normalCoef;
attribute vec2 a_positionStart;
attribute vec2 a_positionEnd;
attribute float a_positionCoef;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_zoomRatio;
uniform float u_pixelRatio;
uniform float u_correctionRatio;
uniform float u_minEdgeThickness;
uniform float u_feather;
uniform vec2 u_viewport;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;

void main() {
  vec2 normal = a_normal * a_normalCoef;
  vec2 position = mix(a_positionStart, a_positionEnd, a_positionCoef);
  float normalLength = length(normal);
  vec2 unitNormal = normal / normalLength;
  // At least the minimum thickness on screen, as sigma's own edges.
  float pixelsThickness = max(normalLength, u_minEdgeThickness * u_sizeRatio);
  float webGLThickness = pixelsThickness * u_correctionRatio / u_sizeRatio;
  gl_Position = vec4((u_matrix * vec3(position + unitNormal * webGLThickness, 1)).xy, 0, 1);

  // The edge's length on screen: clip space spans the viewport, two units across.
  vec2 start = (u_matrix * vec3(a_positionStart, 1)).xy * u_viewport * 0.5;
  vec2 end = (u_matrix * vec3(a_positionEnd, 1)).xy * u_viewport * 0.5;
  v_along = a_positionCoef * length(end - start);

  v_thickness = webGLThickness / u_zoomRatio;
  v_normal = unitNormal;
  v_feather = u_feather * u_correctionRatio / u_zoomRatio / u_pixelRatio * 2.0;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= 255.0 / 254.0;
}
`;

const FRAGMENT_SHADER = /* glsl */ `
precision mediump float;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;

uniform float u_dash;

void main(void) {
  #ifdef PICKING_MODE
  gl_FragColor = v_color;
  #else
  if (mod(v_along, 2.0 * u_dash) > u_dash) discard;
  float distance = length(v_normal) * v_thickness;
  float fade = smoothstep(v_thickness - v_feather, v_thickness, distance);
  gl_FragColor = mix(v_color, vec4(0.0), fade);
  #endif
}
`;

type Definition = ReturnType<EdgeRectangleProgram['getDefinition']>;
type ProgramInfo = Parameters<EdgeRectangleProgram['setUniforms']>[1];

export class DashedEdgeProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends EdgeRectangleProgram<N, E, G> {
  override getDefinition(): Definition {
    const definition = super.getDefinition();
    // The uniform list is typed as sigma's own; the two added here are set below.
    const uniforms = [...definition.UNIFORMS, 'u_viewport', 'u_dash'] as unknown as Definition['UNIFORMS'];
    return { ...definition, VERTEX_SHADER_SOURCE: VERTEX_SHADER, FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER, UNIFORMS: uniforms };
  }

  override setUniforms(params: RenderParams, info: ProgramInfo): void {
    super.setUniforms(params, info);
    const locations = info.uniformLocations as unknown as Record<string, WebGLUniformLocation>;
    info.gl.uniform2f(locations.u_viewport, params.width, params.height);
    info.gl.uniform1f(locations.u_dash, DASH_PIXELS);
  }
}
